//! The state every handler shares, and the HTTP routes.

use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::Method;
use axum::routing::get;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::ServeDir;

use crate::aida::{self, Aida};
use crate::config::PhoenixMode;
use crate::faults::{self, Faults};
use crate::monitor::Monitor;
use crate::phoenix::{self, Registry};

pub struct Shared {
    pub mode: PhoenixMode,
    pub idle_timeout: Duration,
    pub sockets: Registry,
    pub aida: Aida,
    pub faults: Faults,
    pub monitor: Monitor,
}

/// The shared state, cheap to clone into every handler and socket task.
#[derive(Clone)]
pub struct App(Arc<Shared>);

impl App {
    pub fn new(shared: Shared) -> App {
        App(Arc::new(shared))
    }
}

impl Deref for App {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub fn router(app: App, static_dir: Option<&Path>) -> Router {
    // As AIDA: any origin, no credentials, preflights for POST with any headers.
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(Any);
    let router = Router::new()
        .route("/socket/websocket", get(phoenix::upgrade))
        .merge(aida::routes())
        .merge(faults::routes())
        .layer(cors);
    let router = match static_dir {
        // ServeDir answers `/` with index.html, and `x.js` with `x.js.gz` where there is one and
        // the browser takes gzip (the benchmark's slow-network rows serve files as a CDN would).
        Some(dir) => router.fallback_service(ServeDir::new(dir).precompressed_gzip()),
        None => router,
    };
    router.with_state(app)
}
