//! `aida-dev-server`: the command line (see `--help`). Prints the READY line test harnesses
//! wait for, then serves until killed.

use std::io::Write;
use std::process::ExitCode;

use aida_dev_server::{Config, serve};
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let running = match serve(Config::parse()).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("aida-dev-server: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    // The first line is machine-readable: harnesses learn the port from it.
    let _ = writeln!(out, "AIDA_DEV_SERVER_READY {}", running.ready_json());
    let _ = writeln!(
        out,
        "AIDA dev server on {} (Phoenix {}), socket {}",
        running.url(),
        running.phoenix.as_str(),
        running.socket_url()
    );
    if let Some((id, token)) = &running.bot {
        let _ = writeln!(out, "  bot {id}  access token {token}");
    }
    let _ = out.flush();
    drop(out);
    std::future::pending().await
}
