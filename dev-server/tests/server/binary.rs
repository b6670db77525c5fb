//! The executable: its READY line, and a data directory that outlives a killed server.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use aida_dev_server::{DEMO_ACCESS_TOKEN, DEMO_BOT_ID, PhoenixMode, Running};
use serde_json::{Value, json};

use crate::support::*;

/// Starts the binary and reads its first line.
fn spawn(args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aida-dev-server"))
        .args(["--port", "0", "--reply-delay-ms", "0"])
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line)
}

/// The READY line's JSON, checked against its fixed shape.
fn ready(line: &str) -> Value {
    let json = line
        .strip_prefix("AIDA_DEV_SERVER_READY ")
        .unwrap_or_else(|| panic!("not a READY line: {line:?}"));
    assert!(json.starts_with(r#"{"url":"http://127.0.0.1:"#), "{json}");
    let ready: Value = serde_json::from_str(json.trim_end()).unwrap();
    let mut keys: Vec<&String> = ready.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["access_token", "bot_id", "phoenix", "socket", "url"]);
    let url = ready["url"].as_str().unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );
    let socket = url.replace("http://", "ws://") + "/socket";
    assert_eq!(ready["socket"], socket);
    ready
}

/// A `Running` for the support helpers, from the READY line.
fn running(ready: &Value) -> Running {
    let addr = ready["url"].as_str().unwrap().trim_start_matches("http://");
    Running {
        addr: addr.parse().unwrap(),
        phoenix: PhoenixMode::V1_3,
        bot: None,
    }
}

#[tokio::test]
async fn the_first_line_says_where_and_what() {
    for (args, phoenix) in [(&[][..], "1.3"), (&["--phoenix", "1.8"][..], "1.8")] {
        let (mut child, line) = spawn(args);
        let ready = ready(&line);
        assert_eq!(ready["bot_id"], DEMO_BOT_ID);
        assert_eq!(ready["access_token"], DEMO_ACCESS_TOKEN);
        assert_eq!(ready["phoenix"], phoenix);
        let server = running(&ready);
        Client::connect(&server).await.join("1").await;
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[tokio::test]
async fn a_killed_server_restarted_on_its_data_dir_keeps_sessions_and_images() {
    let dir = temp_dir("data");
    let data_dir = dir.to_str().unwrap();
    let (mut first, line) = spawn(&["--data-dir", data_dir]);
    let server = running(&ready(&line));
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    client
        .send(json!(["1", "2", TOPIC, "put_data", {"session": session, "data": {"first_name": "Ada"}}]))
        .await;
    client.recv().await;
    let image = upload(&server, BOT, &session, "image/gif", b"GIF89a".to_vec()).await;
    let image = image.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    first.kill().unwrap(); // SIGKILL: nothing gets a chance to be saved now
    first.wait().unwrap();

    let (mut second, line) = spawn(&["--data-dir", data_dir]);
    let server = running(&ready(&line));
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let greeting = client.say("1", &session, "hi", 3).await;
    assert!(greeting[0].starts_with("Hello, Ada!"), "{greeting:?}");
    let served = get(&server, &format!("/content/image/{image}")).await;
    assert_eq!(served.headers()["content-type"], "image/gif");
    assert_eq!(served.bytes().await.unwrap(), &b"GIF89a"[..]);
    second.kill().unwrap();
    second.wait().unwrap();
}
