//! Image uploads with fetch: `POST <content>/image/<bot>/<session>`, multipart field `file`, no
//! credentials (AIDA's CORS allows any origin, without credentials).

use gloo_net::http::Request;
use web_sys::{File, FormData, RequestCredentials};

use crate::json::{self, Fields};

/// Uploads `file`; `Ok` holds the server's image id, `Err` a sentence for the visitor.
pub async fn upload_image(url: &str, file: &File) -> Result<String, String> {
    let form = FormData::new().map_err(|_| network_error())?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| network_error())?;
    let response = Request::post(url)
        .credentials(RequestCredentials::Omit)
        .body(form)
        .map_err(|_| network_error())?
        .send()
        .await
        .map_err(|_| network_error())?;
    match response.status() {
        200..=299 => response
            .text()
            .await
            .ok()
            .and_then(|text| uploaded_id(&text))
            .ok_or_else(|| "The server's answer to the upload was not understood.".to_owned()),
        413 => Err("The picture is too large for the server.".to_owned()),
        415 => Err("The server does not accept this kind of file.".to_owned()),
        status => Err(format!(
            "The server could not store the picture (error {status})."
        )),
    }
}

/// The id in the server's `{"id": …}`.
fn uploaded_id(text: &str) -> Option<String> {
    let value = json::parse(text).ok()?;
    Some(Fields::of(&value)?.text("id").ok()??.to_owned())
}

fn network_error() -> String {
    "The picture could not be sent: network error.".to_owned()
}

/// Checks a file before upload: a picture, and not over `max_bytes`.
pub fn check_image(file: &File, max_bytes: f64) -> Result<(), String> {
    if !file.type_().starts_with("image/") {
        return Err(format!(
            "“{}” is not a picture. Only images can be sent.",
            file.name()
        ));
    }
    if file.size() > max_bytes {
        // Whole megabytes: an integer prints without Rust's float formatting in the wasm.
        let mb = (max_bytes / (1024.0 * 1024.0)).floor() as u64;
        return Err(format!("“{}” is larger than {mb} MB.", file.name()));
    }
    Ok(())
}
