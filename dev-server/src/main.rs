//! `aida-dev-server`: see `--help`, and the README.

use std::io::Write;

use aida_dev_server::{Config, serve};
use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let config = Config::parse();
    let running = match serve(config).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("aida-dev-server: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Test harnesses read this first line to learn the port.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "AIDA_DEV_SERVER_READY {}", running.ready_line());
    let _ = writeln!(
        out,
        "AIDA dev server on {} (Phoenix {}): demo bot {}, token {}",
        running.url(),
        running.phoenix.as_str(),
        aida_dev_server::DEMO_BOT_ID,
        aida_dev_server::DEMO_ACCESS_TOKEN
    );
    let _ = out.flush();
    drop(out);
    let _ = tokio::signal::ctrl_c().await;
    std::process::ExitCode::SUCCESS
}
