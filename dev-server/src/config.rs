//! What a dev server runs with: the CLI flags, also used directly by the integration tests.

use std::path::PathBuf;

use serde::Deserialize;

/// The demo bot, always present unless `--no-demo-bot`; the preview embeds its id and token.
pub const DEMO_BOT_ID: &str = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
pub const DEMO_ACCESS_TOKEN: &str = "6d0f8a52-3c7e-4b19-a8d4-91e2f3b5c7a0";

/// Which Phoenix the server imitates on the wire (see `shared/aida-websocket-api.md` part 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PhoenixMode {
    /// Phoenix 1.3, as AIDA runs it: channel pushes with a null join_ref, `phx_error` with `{}`,
    /// pushes with a stale join_ref still handled.
    #[value(name = "1.3")]
    V1_3,
    /// Current Phoenix (1.8): stale pushes ignored, `{reason: "channel_crash"}`.
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

/// A bot of the `--bots` file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct BotSpec {
    pub id: String,
    pub token: String,
    /// The bot answers joins with `starting` for this long after the server starts.
    #[serde(default)]
    pub starting_ms: Option<u64>,
}

#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "aida-dev-server",
    about = "A local AIDA server: Phoenix Channels, the bot channel and images"
)]
pub struct Config {
    /// Address to listen on (loopback only, by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on; 0 picks a free one (the READY line tells which).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// A JSON list of bots: `[{"id": "<uuid>", "token": "…", "starting_ms": 0}]`.
    #[arg(long)]
    pub bots: Option<PathBuf>,
    /// Leave out the demo bot.
    #[arg(long)]
    pub no_demo_bot: bool,
    /// Keep sessions and images here, across restarts.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// The Phoenix version to imitate.
    #[arg(long, value_enum, default_value = "1.3")]
    pub phoenix: PhoenixMode,
    /// Close sockets that sent nothing for this long (Phoenix: 60 s).
    #[arg(long, default_value_t = 60_000)]
    pub idle_timeout_ms: u64,
    /// Pause between the messages of one bot answer.
    #[arg(long, default_value_t = 150)]
    pub reply_delay_ms: u64,
    /// Refuse uploads larger than this (AIDA: 25 MB).
    #[arg(long, default_value_t = 25 * 1024 * 1024)]
    pub max_upload_bytes: usize,
    /// Serve this directory's files at `/` (a built widget page on the socket's origin).
    #[arg(long)]
    pub static_dir: Option<PathBuf>,
}

impl Config {
    /// Defaults for tests: a free loopback port, no pauses.
    pub fn for_tests() -> Config {
        use clap::Parser;
        let mut config = Config::parse_from(["aida-dev-server"]);
        config.port = 0;
        config.reply_delay_ms = 0;
        config
    }
}
