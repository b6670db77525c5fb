//! aida-dev-server: a local stand-in for an AIDA server, faithful on the wire, for aida-chat's
//! preview and its tests. Phoenix Channels V2 over WebSocket (`phoenix`), the AIDA bot channel,
//! its demo bot and the image endpoints (`aida`), and fault controls for tests (`faults`).
//!
//! `serve` starts it in-process, so integration tests can run it on port 0; the binary is a
//! thin command line around it.

mod aida;
mod app;
mod config;
mod faults;
mod monitor;
mod phoenix;

use std::io;
use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

pub use config::{BotSpec, Config, DEMO_ACCESS_TOKEN, DEMO_BOT_ID, PhoenixMode};

/// A server that is listening; it serves until the runtime that started it ends.
pub struct Running {
    pub addr: SocketAddr,
    pub phoenix: PhoenixMode,
    /// The bot the READY line announces (the demo bot, unless `--no-demo-bot`), and its token.
    pub bot: Option<(String, String)>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn socket_url(&self) -> String {
        format!("ws://{}/socket", self.addr)
    }

    /// The JSON after `AIDA_DEV_SERVER_READY` on the first line of the binary's output.
    pub fn ready_json(&self) -> String {
        /// The fields in the order the READY line documents them.
        #[derive(Serialize)]
        struct Ready<'a> {
            url: String,
            socket: String,
            bot_id: Option<&'a str>,
            access_token: Option<&'a str>,
            phoenix: &'a str,
        }
        let ready = Ready {
            url: self.url(),
            socket: self.socket_url(),
            bot_id: self.bot.as_ref().map(|(id, _)| id.as_str()),
            access_token: self.bot.as_ref().map(|(_, token)| token.as_str()),
            phoenix: self.phoenix.as_str(),
        };
        serde_json::to_string(&ready).expect("the READY line serializes")
    }
}

/// Loads the bots and the data directory, binds, and serves in the background.
pub async fn serve(config: Config) -> io::Result<Running> {
    if let Some(dir) = config.static_dir.as_ref().filter(|dir| !dir.is_dir()) {
        let error = format!("--static-dir {} is not a directory", dir.display());
        return Err(io::Error::new(io::ErrorKind::NotFound, error));
    }
    let mut bots = Vec::new();
    if !config.no_demo_bot {
        bots.push(BotSpec {
            id: DEMO_BOT_ID.into(),
            token: DEMO_ACCESS_TOKEN.into(),
            starting_ms: None,
        });
    }
    if let Some(path) = &config.bots {
        let in_file = |e: &dyn std::fmt::Display| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        };
        let text = std::fs::read_to_string(path).map_err(|e| in_file(&e))?;
        let more: Vec<BotSpec> = serde_json::from_str(&text).map_err(|e| in_file(&e))?;
        bots.extend(more);
    }
    let bot = bots.first().map(|b| (b.id.clone(), b.token.clone()));
    let aida = aida::Aida::open(
        bots,
        config.data_dir.as_deref(),
        Duration::from_millis(config.reply_delay_ms),
        config.max_upload_bytes,
    )?;
    let app = app::App::new(app::Shared {
        mode: config.phoenix,
        idle_timeout: Duration::from_millis(config.idle_timeout_ms),
        sockets: phoenix::Registry::default(),
        aida,
        faults: faults::Faults::default(),
        monitor: monitor::Monitor::new(),
    });
    let router = app::router(app, config.static_dir.as_deref());
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, router).await {
            tracing::error!("server stopped: {error}");
        }
    });
    Ok(Running {
        addr,
        phoenix: config.phoenix,
        bot,
    })
}

/// Locks a mutex even if a panic elsewhere poisoned it: every critical section here leaves its
/// data consistent, and one failed request must not take all later ones down.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
