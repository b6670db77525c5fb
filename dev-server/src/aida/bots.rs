//! The bots this server knows, their web channel tokens, and whether they are still starting.

use std::collections::HashMap;
use std::io;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;

use super::is_uuid;
use crate::config::BotSpec;
use crate::lock;

pub struct Bots {
    /// Lowercase bot id → access token.
    tokens: HashMap<String, String>,
    /// Bot id → until when joins get `starting`.
    starting_until: Mutex<HashMap<String, Instant>>,
}

impl Bots {
    pub fn new(specs: Vec<BotSpec>) -> io::Result<Bots> {
        let mut tokens = HashMap::new();
        let mut starting_until = HashMap::new();
        for spec in specs {
            let id = spec.id.to_ascii_lowercase();
            if !is_uuid(&id) {
                let error = format!("bot id {:?} is not a UUID", spec.id);
                return Err(io::Error::new(io::ErrorKind::InvalidInput, error));
            }
            if let Some(ms) = spec.starting_ms {
                starting_until.insert(id.clone(), Instant::now() + Duration::from_millis(ms));
            }
            if tokens.insert(id, spec.token).is_some() {
                let error = format!("bot {} is listed twice", spec.id);
                return Err(io::Error::new(io::ErrorKind::InvalidInput, error));
            }
        }
        Ok(Bots {
            tokens,
            starting_until: Mutex::new(starting_until),
        })
    }

    /// `bot` is a lowercase id.
    pub fn exists(&self, bot: &str) -> bool {
        self.tokens.contains_key(bot)
    }

    /// The checks of AIDA's `join/3`: the error response, if the join is refused. `unauthorized`
    /// (unknown bot, wrong token) is final; `starting` asks the client to retry.
    pub fn authorize(&self, bot: &str, token: &Value) -> Result<(), Value> {
        if self.tokens.get(bot).map(|t| json!(t)).as_ref() != Some(token) {
            return Err(json!({"reason": "unauthorized"}));
        }
        let starting = lock(&self.starting_until)
            .get(bot)
            .is_some_and(|until| Instant::now() < *until);
        if starting {
            return Err(json!({"reason": "starting", "retry": true}));
        }
        Ok(())
    }

    /// Joins of `bot` get `starting` for `time` from now; `false` for an unknown bot.
    pub fn set_starting(&self, bot: &str, time: Duration) -> bool {
        let bot = bot.to_ascii_lowercase();
        if !self.exists(&bot) {
            return false;
        }
        lock(&self.starting_until).insert(bot, Instant::now() + time);
        true
    }
}
