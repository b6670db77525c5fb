//! The AIDA 1.3 side, as `docs/aida-api.md` describes the real server: bots
//! and their tokens, the `bot:<uuid>` channel, sessions, images and unprompted bot messages.

mod bot_channel;
mod bots;
mod demo_bot;
mod images;
mod send_message;
mod sessions;

use std::io;
use std::path::Path;
use std::time::Duration;

use axum::Router;

use crate::app::App;
use crate::config::BotSpec;
pub use bots::Bots;
pub use images::Images;
pub use sessions::Sessions;

pub struct Aida {
    pub bots: Bots,
    pub sessions: Sessions,
    pub images: Images,
    /// The pause before each message of a bot answer.
    pub answer_pause: Duration,
    /// Larger uploads get 413.
    pub max_upload_bytes: usize,
}

impl Aida {
    /// With `data_dir`, sessions and images are loaded from it and kept there.
    pub fn open(
        bots: Vec<BotSpec>,
        data_dir: Option<&Path>,
        answer_pause: Duration,
        max_upload_bytes: usize,
    ) -> io::Result<Aida> {
        Ok(Aida {
            bots: Bots::new(bots)?,
            sessions: Sessions::open(data_dir)?,
            images: Images::open(data_dir)?,
            answer_pause,
            max_upload_bytes,
        })
    }
}

/// AIDA's HTTP endpoints.
pub fn routes() -> Router<App> {
    images::routes().merge(send_message::routes())
}

/// Whether `s` is a UUID in its 8-4-4-4-12 hex form (either case), as AIDA's ids are.
fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}
