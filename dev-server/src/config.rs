//! What a dev server runs with: the command line, which the integration tests also build
//! directly (`Config { port: 0, ..Config::default() }`), so both go through the same defaults.

use std::path::PathBuf;

use clap::Parser;
use serde::Deserialize;

/// The demo bot, always present unless `--no-demo-bot`. The preview embeds this id and token,
/// so they are fixed rather than generated.
pub const DEMO_BOT_ID: &str = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
pub const DEMO_ACCESS_TOKEN: &str = "6d0f8a52-3c7e-4b19-a8d4-91e2f3b5c7a0";

/// Which Phoenix the server imitates on the wire. The differences are listed in
/// `docs/phoenix-channels.md` (part G and "Phoenix 1.3") and `docs/aida-api.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PhoenixMode {
    /// Phoenix 1.3, what AIDA runs: `phx_error` with `{}`, channel pushes with a null join_ref,
    /// pushes and leaves with a stale join_ref still handled, `phx_leave` without a channel
    /// refused as an unmatched topic.
    #[value(name = "1.3")]
    V1_3,
    /// Current Phoenix: `{reason: "channel_crash"}`, pushes with the channel's join_ref, stale
    /// join_refs ignored, `phx_leave` without a channel answered ok.
    #[value(name = "1.8")]
    V1_8,
}

impl PhoenixMode {
    pub fn as_str(self) -> &'static str {
        match self {
            PhoenixMode::V1_3 => "1.3",
            PhoenixMode::V1_8 => "1.8",
        }
    }
}

/// One bot of the `--bots` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotSpec {
    /// The bot's UUID: clients join `bot:<id>`.
    pub id: String,
    /// The access token of the bot's web channel; joins must present exactly this.
    pub token: String,
    /// The bot answers joins with `starting` for this long after the server starts.
    #[serde(default)]
    pub starting_ms: Option<u64>,
}

#[derive(Debug, Clone, Parser)]
#[command(
    name = "aida-dev-server",
    version,
    about = "A local AIDA server for aida-chat: Phoenix Channels, the bot channel, images and \
             fault controls for tests"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on; 0 picks a free one (the READY line tells which).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// A JSON list of more bots: `[{"id": "<uuid>", "token": "…", "starting_ms": 0}]`.
    #[arg(long, value_name = "FILE")]
    pub bots: Option<PathBuf>,
    /// Leave out the demo bot.
    #[arg(long)]
    pub no_demo_bot: bool,
    /// Keep sessions, their data and images here (JSON and plain files), and load them again
    /// at start, so that a killed and restarted server still knows its sessions.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The Phoenix version to imitate on the wire.
    #[arg(long, value_enum, default_value = "1.3")]
    pub phoenix: PhoenixMode,
    /// Close a socket that sent no frame for this long (Phoenix: 60 s).
    #[arg(long, default_value_t = 60_000, value_name = "MS")]
    pub idle_timeout_ms: u64,
    /// Pause before each message of a bot answer (0: answer at once).
    #[arg(long, default_value_t = 150, value_name = "MS")]
    pub reply_delay_ms: u64,
    /// Refuse image uploads larger than this with 413 (AIDA: 25 MB).
    #[arg(long, default_value_t = 25 * 1024 * 1024, value_name = "BYTES")]
    pub max_upload_bytes: usize,
    /// Serve this directory's files at `/` (index.html for `/`), so that a test page shares
    /// the socket's origin.
    #[arg(long, value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
}

impl Default for Config {
    /// The defaults of the command line.
    fn default() -> Config {
        Config::parse_from(["aida-dev-server"])
    }
}
