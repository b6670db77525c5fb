//! aida-dev-server: a local stand-in for an AIDA server, faithful on the wire, for aida-chat's
//! preview and tests. Phoenix Channels V2 over WebSocket, the AIDA bot channel, the image
//! endpoints, and fault controls for tests.

mod bot;
mod config;
mod http;
mod socket;
mod state;
mod store;

use std::net::SocketAddr;

pub use config::{BotSpec, Config, DEMO_ACCESS_TOKEN, DEMO_BOT_ID, PhoenixMode};
use serde_json::json;

/// A server that is listening.
pub struct Running {
    pub addr: SocketAddr,
    pub phoenix: PhoenixMode,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn socket_url(&self) -> String {
        format!("ws://{}/socket", self.addr)
    }

    /// The JSON of the `AIDA_DEV_SERVER_READY` line.
    pub fn ready_line(&self) -> String {
        json!({
            "url": self.url(),
            "socket": self.socket_url(),
            "bot_id": DEMO_BOT_ID,
            "access_token": DEMO_ACCESS_TOKEN,
            "phoenix": self.phoenix.as_str(),
        })
        .to_string()
    }

    /// Stops listening and drops every connection.
    pub fn stop(self) {
        self.task.abort();
    }
}

/// Binds and starts serving in the background.
pub async fn serve(config: Config) -> Result<Running, String> {
    let mut bots = Vec::new();
    if !config.no_demo_bot {
        bots.push(BotSpec {
            id: DEMO_BOT_ID.into(),
            token: DEMO_ACCESS_TOKEN.into(),
            starting_ms: None,
        });
    }
    if let Some(path) = &config.bots {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let more: Vec<BotSpec> = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a list of bots: {e}", path.display()))?;
        bots.extend(more);
    }
    let store = match &config.data_dir {
        Some(dir) => Some(
            store::Store::open(dir.clone())
                .map_err(|e| format!("data dir {}: {e}", dir.display()))?,
        ),
        None => None,
    };
    let state = state::State::new(&config, bots, store);
    let app = http::router(state, config.static_dir.clone());
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!("server stopped: {error}");
        }
    });
    Ok(Running {
        addr,
        phoenix: config.phoenix,
        task,
    })
}
