//! The image endpoints and CORS, as AIDA answers them.

use aida_dev_server::PhoenixMode;
use serde_json::{Value, json};

use crate::support::*;

/// A server, a joined client and one of its sessions.
async fn with_session(
    adjust: impl FnOnce(&mut aida_dev_server::Config),
) -> (aida_dev_server::Running, String) {
    let server = start_with(adjust).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    (server, session)
}

#[tokio::test]
async fn an_uploaded_image_is_served_with_its_content_type() {
    let (server, session) = with_session(|_| {}).await;
    let bytes = b"\x89PNG fake".to_vec();
    let response = upload(&server, BOT, &session, "image/png", bytes.clone()).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    let id = body["id"].as_str().unwrap();
    assert_eq!(body, json!({"id": id}));
    assert_eq!(id.len(), 36);
    let image = get(&server, &format!("/content/image/{id}")).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.bytes().await.unwrap(), bytes);
    // The bot id may come in upper case.
    let upper = upload(
        &server,
        &BOT.to_uppercase(),
        &session,
        "image/jpeg",
        vec![1],
    )
    .await;
    assert_eq!(upper.status(), 200);
}

#[tokio::test]
async fn a_part_that_is_not_an_image_is_refused_with_415() {
    let (server, session) = with_session(|_| {}).await;
    for content_type in ["text/plain", "application/octet-stream"] {
        let response = upload(&server, BOT, &session, content_type, b"hello".to_vec()).await;
        assert_eq!(response.status(), 415, "{content_type}");
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"errors": "Unsupported Media Type"})
        );
    }
}

#[tokio::test]
async fn a_request_over_the_limit_is_refused_with_413() {
    let (server, session) = with_session(|config| config.max_upload_bytes = 1000).await;
    let response = upload(&server, BOT, &session, "image/png", vec![7; 2000]).await;
    assert_eq!(response.status(), 413);
    let response = upload(&server, BOT, &session, "image/png", vec![7; 500]).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn an_unknown_bot_or_session_is_a_500() {
    let (server, session) = with_session(|_| {}).await;
    for (bot, session) in [(BOT, UNKNOWN), (UNKNOWN, session.as_str())] {
        let response = upload(&server, bot, session, "image/png", vec![1]).await;
        assert_eq!(response.status(), 500, "{bot} {session}");
    }
}

#[tokio::test]
async fn an_unknown_image_is_a_404() {
    let server = start(PhoenixMode::V1_3).await;
    let response = get(&server, &format!("/content/image/{UNKNOWN}")).await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn any_origin_may_call_without_credentials() {
    let (server, session) = with_session(|_| {}).await;
    let client = reqwest::Client::new();
    let preflight = client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/content/image/{BOT}/{session}", server.url()),
        )
        .header("Origin", "https://example.org")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-anything, content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    let methods = headers["access-control-allow-methods"].to_str().unwrap();
    assert!(methods.contains("POST"), "{methods}");
    assert_eq!(headers["access-control-allow-headers"], "*");
    assert!(!headers.contains_key("access-control-allow-credentials"));
    let image = client
        .get(format!("{}/content/image/{UNKNOWN}", server.url()))
        .header("Origin", "https://example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(image.headers()["access-control-allow-origin"], "*");
}
