//! Pictures: checked before they are attached, scaled down if they are large photos, and
//! uploaded with XMLHttpRequest, whose upload reports progress (fetch cannot): `POST
//! <content>/image/<bot>/<session>`, multipart field `file`, without credentials across
//! origins (AIDA's CORS allows any origin, without credentials).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

use super::listener::Listener;
use crate::aida::transcript::Failure;
use crate::json::{self, Fields};

/// Scales a large photo down before its upload: the loader's or npm module's
/// `(file, maxDimension, maxBytes) => Promise<File | null>` (`js/aida-chat-photo.js`; null: send
/// the file as it is). Without one, every picture goes as the visitor chose it.
#[derive(Clone, Default)]
pub struct Shrinker(pub Option<js_sys::Function>);

/// Props compare by identity: a widget's shrinker never changes.
impl PartialEq for Shrinker {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_ref().map(JsValue::from) == other.0.as_ref().map(JsValue::from)
    }
}

impl Shrinker {
    /// `file`, or the smaller file the shrinker made of it; `file` whenever it fails.
    pub async fn shrink(&self, file: File, max_dimension: f64, max_bytes: f64) -> File {
        let Some(shrink) = &self.0 else {
            return file;
        };
        let (dimension, bytes) = (max_dimension.into(), max_bytes.into());
        let Ok(promise) = shrink.call3(&JsValue::NULL, &file, &dimension, &bytes) else {
            return file;
        };
        match JsFuture::from(js_sys::Promise::resolve(&promise)).await {
            Ok(smaller) => smaller.dyn_into::<File>().unwrap_or(file),
            Err(_) => file,
        }
    }
}

/// An upload under way. Dropping it stops it without a word: its listeners go first, so that
/// the browser's `abort` event reaches nothing.
pub struct Upload {
    listeners: Vec<Listener>,
    request: XmlHttpRequest,
}

impl Upload {
    /// Sends `file` to `url`; `on_progress` hears the percent sent, `on_end` the server's image
    /// id or why there is none.
    pub fn start(
        url: &str,
        file: &File,
        on_progress: impl Fn(u8) + 'static,
        on_end: impl FnOnce(Result<String, Failure>) + 'static,
    ) -> Result<Upload, Failure> {
        let network = |_| Failure::Network;
        let request = XmlHttpRequest::new().map_err(network)?;
        request.open("POST", url).map_err(network)?;
        let form = FormData::new().map_err(network)?;
        form.append_with_blob_and_filename("file", file, &file.name())
            .map_err(network)?;
        let progress = Listener::new(request.upload().map_err(network)?.into(), "progress", {
            move |event| {
                let event: ProgressEvent = event.unchecked_into();
                if event.length_computable() && event.total() > 0.0 {
                    on_progress((event.loaded() / event.total() * 100.0).min(100.0) as u8);
                }
            }
        });
        let mut on_end = Some(on_end);
        let ended = request.clone();
        // After load, error and timeout alike; status 0 is a request that got no answer.
        let end = Listener::new(request.clone().into(), "loadend", move |_| {
            let status = ended.status().unwrap_or(0);
            let text = ended.response_text().ok().flatten().unwrap_or_default();
            if let Some(on_end) = on_end.take() {
                on_end(outcome(status, &text));
            }
        });
        let listeners: Vec<Listener> = progress.into_iter().chain(end).collect();
        request
            .send_with_opt_form_data(Some(&form))
            .map_err(network)?;
        Ok(Upload { listeners, request })
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        self.listeners.clear();
        let _ = self.request.abort();
    }
}

/// What an answer means: the id in a 2xx's `{"id": …}`, or the failure.
fn outcome(status: u16, text: &str) -> Result<String, Failure> {
    match status {
        0 => Err(Failure::Network),
        200..=299 => uploaded_id(text).ok_or(Failure::BadAnswer),
        413 => Err(Failure::TooLarge),
        415 => Err(Failure::Unsupported),
        status => Err(Failure::Server(status)),
    }
}

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

/// Whether a picture of this type can be scaled down (by `js/aida-chat-photo.js`).
pub fn is_photo(file: &File) -> bool {
    matches!(
        file.type_().as_str(),
        "image/jpeg" | "image/webp" | "image/png"
    )
}

/// Checks a file before it is attached: a picture, and not over `max_bytes` unless it is a
/// photo, which is scaled down before its upload.
pub fn check_image(file: &File, max_bytes: f64) -> Result<(), FileProblem> {
    if !file.type_().starts_with("image/") {
        return Err(FileProblem::NotAPicture { name: file.name() });
    }
    if file.size() > max_bytes && !is_photo(file) {
        // Whole megabytes: an integer prints without Rust's float formatting in the wasm.
        let max_mb = (max_bytes / (1024.0 * 1024.0)).floor() as u64;
        return Err(FileProblem::TooLarge {
            name: file.name(),
            max_mb,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_an_id_or_a_failure() {
        let id = "bbbbbbbb-2222-4333-8444-555555555555";
        assert_eq!(outcome(200, &format!(r#"{{"id":"{id}"}}"#)), Ok(id.into()));
        assert_eq!(outcome(201, "<html>"), Err(Failure::BadAnswer));
        assert_eq!(outcome(0, ""), Err(Failure::Network));
        assert_eq!(outcome(413, ""), Err(Failure::TooLarge));
        assert_eq!(outcome(415, ""), Err(Failure::Unsupported));
        assert_eq!(outcome(502, ""), Err(Failure::Server(502)));
    }
}
