//! Uploaded images and their two endpoints: `POST /content/image/:bot/:session` (multipart
//! field `file`) and `GET /content/image/:id`. With a data directory each image is kept as
//! `images/<id>` plus `images/<id>.json` (who it belongs to, its Content-Type).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path as UrlPath, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::sessions::write_atomically;
use crate::app::App;
use crate::lock;

#[derive(Debug, Serialize, Deserialize)]
pub struct Owner {
    /// Lowercase bot id.
    pub bot: String,
    pub session: String,
    pub content_type: String,
}

pub struct Image {
    pub owner: Owner,
    pub bytes: Bytes,
}

pub struct Images {
    images: Mutex<HashMap<String, Arc<Image>>>,
    dir: Option<PathBuf>,
}

impl Images {
    /// Loads the images kept in `dir/images`, if any.
    pub fn open(dir: Option<&Path>) -> io::Result<Images> {
        let dir = dir.map(|dir| dir.join("images"));
        let mut images = HashMap::new();
        if let Some(dir) = &dir {
            std::fs::create_dir_all(dir)?;
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                if path.extension().is_none_or(|e| e != "json") {
                    continue;
                }
                let id = path.file_stem().unwrap_or_default().to_string_lossy();
                // The description is written last, so an image with one is complete.
                let owner: Owner = serde_json::from_slice(&std::fs::read(&path)?)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                let bytes = Bytes::from(std::fs::read(dir.join(&*id))?);
                images.insert(id.into_owned(), Arc::new(Image { owner, bytes }));
            }
        }
        Ok(Images {
            images: Mutex::new(images),
            dir,
        })
    }

    /// Stores an image: its id, a lowercase UUID v4.
    fn add(&self, image: Image) -> io::Result<String> {
        let id = uuid::Uuid::new_v4().to_string();
        if let Some(dir) = &self.dir {
            write_atomically(&dir.join(&id), &image.bytes)?;
            let owner = serde_json::to_vec(&image.owner).expect("owners serialize");
            write_atomically(&dir.join(format!("{id}.json")), &owner)?;
        }
        lock(&self.images).insert(id.clone(), Arc::new(image));
        Ok(id)
    }

    pub fn get(&self, id: &str) -> Option<Arc<Image>> {
        lock(&self.images).get(id).cloned()
    }

    /// Deleting a session deletes its images.
    pub fn delete_of_session(&self, session: &str) {
        lock(&self.images).retain(|id, image| {
            let keep = image.owner.session != session;
            if let (false, Some(dir)) = (keep, &self.dir) {
                let _ = std::fs::remove_file(dir.join(format!("{id}.json")));
                let _ = std::fs::remove_file(dir.join(id));
            }
            keep
        });
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/content/image/{bot}/{session}",
            // `upload` enforces its own limit, after reading the whole request.
            post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/content/image/{id}", get(download))
}

/// An error as AIDA's JSON error views render it.
fn error(status: StatusCode) -> Response {
    let reason = status.canonical_reason().unwrap_or_default();
    (status, Json(json!({"errors": reason}))).into_response()
}

/// 413 if the request is too large, 500 for an unknown bot or session (AIDA raises), 415 when
/// the `file` part is not an image, else 200 `{"id": "<uuid>"}`.
async fn upload(
    State(app): State<App>,
    UrlPath((bot, session)): UrlPath<(String, String)>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let Some(body) = read_at_most(body, app.aida.max_upload_bytes).await else {
        return error(StatusCode::PAYLOAD_TOO_LARGE);
    };
    let bot = bot.to_ascii_lowercase();
    if app.aida.sessions.get(&bot, &session).is_none() {
        tracing::warn!("upload for an unknown session {session} of bot {bot}");
        return error(StatusCode::INTERNAL_SERVER_ERROR);
    }
    let request = Request::from_parts(parts, Body::from(body));
    let mut multipart = match Multipart::from_request(request, &()).await {
        Ok(multipart) => multipart,
        Err(rejection) => return rejection.into_response(),
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return error(StatusCode::BAD_REQUEST),
            Err(e) => return e.into_response(),
        };
        if field.name() != Some("file") {
            continue;
        }
        let content_type = field.content_type().unwrap_or_default().to_owned();
        if !content_type.starts_with("image/") {
            return error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
        }
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => return e.into_response(),
        };
        let owner = Owner {
            bot,
            session,
            content_type,
        };
        return match app.aida.images.add(Image { owner, bytes }) {
            Ok(id) => Json(json!({ "id": id })).into_response(),
            Err(e) => {
                tracing::error!("cannot store an image: {e}");
                error(StatusCode::INTERNAL_SERVER_ERROR)
            }
        };
    }
}

/// The whole body, or `None` when it is longer than `limit`. A body that is too long is still
/// read to its end (and thrown away): answering 413 while the client is still sending would
/// reset the connection, and a browser would report a network error instead of the 413.
async fn read_at_most(body: Body, limit: usize) -> Option<Bytes> {
    let mut stream = body.into_data_stream();
    let mut collected = Vec::new();
    let mut too_large = false;
    while let Some(Ok(chunk)) = stream.next().await {
        too_large |= collected.len() + chunk.len() > limit;
        if !too_large {
            collected.extend_from_slice(&chunk);
        }
    }
    (!too_large).then(|| collected.into())
}

async fn download(State(app): State<App>, UrlPath(id): UrlPath<String>) -> Response {
    match app.aida.images.get(&id) {
        Some(image) => {
            let content_type = image.owner.content_type.clone();
            ([(header::CONTENT_TYPE, content_type)], image.bytes.clone()).into_response()
        }
        None => error(StatusCode::NOT_FOUND),
    }
}
