//! Pictures: checked before they are attached, and uploaded with fetch (`POST
//! <content>/image/<bot>/<session>`, multipart field `file`, without credentials: AIDA's CORS
//! allows any origin, without credentials).

use gloo_net::http::Request;
use web_sys::{File, FormData, RequestCredentials};

use crate::aida::transcript::Failure;
use crate::json::{self, Fields};

/// Uploads `file`; `Ok` holds the server's image id.
pub async fn upload_image(url: &str, file: &File) -> Result<String, Failure> {
    let form = FormData::new().map_err(|_| Failure::Network)?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| Failure::Network)?;
    let response = Request::post(url)
        .credentials(RequestCredentials::Omit)
        .body(form)
        .map_err(|_| Failure::Network)?
        .send()
        .await
        .map_err(|_| Failure::Network)?;
    match response.status() {
        200..=299 => response
            .text()
            .await
            .ok()
            .and_then(|text| uploaded_id(&text))
            .ok_or(Failure::BadAnswer),
        413 => Err(Failure::TooLarge),
        415 => Err(Failure::Unsupported),
        status => Err(Failure::Server(status)),
    }
}

/// The id in the server's `{"id": …}`.
fn uploaded_id(text: &str) -> Option<String> {
    let value = json::parse(text).ok()?;
    Some(Fields::of(&value)?.text("id").ok()??.to_owned())
}

/// Why a file the visitor chose is not attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not an image.
    NotAPicture { name: String },
    /// Over the widget's limit, in whole megabytes.
    TooLarge { name: String, max_mb: u64 },
}

/// Checks a file before it is attached: a picture, and not over `max_bytes`.
pub fn check_image(file: &File, max_bytes: f64) -> Result<(), FileProblem> {
    if !file.type_().starts_with("image/") {
        return Err(FileProblem::NotAPicture { name: file.name() });
    }
    if file.size() > max_bytes {
        // Whole megabytes: an integer prints without Rust's float formatting in the wasm.
        let max_mb = (max_bytes / (1024.0 * 1024.0)).floor() as u64;
        return Err(FileProblem::TooLarge {
            name: file.name(),
            max_mb,
        });
    }
    Ok(())
}
