//! Sessions and their data. With a data directory they live in `sessions.json` too, rewritten
//! on every change (small, and a killed server then loses nothing).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lock;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// The lowercase id of the bot the session belongs to.
    pub bot: String,
    pub data: Map<String, Value>,
}

pub struct Sessions {
    /// Session id → session.
    sessions: Mutex<HashMap<String, Session>>,
    file: Option<PathBuf>,
}

impl Sessions {
    /// Loads `sessions.json` from `dir`, if there is one.
    pub fn open(dir: Option<&Path>) -> io::Result<Sessions> {
        let file = dir.map(|dir| dir.join("sessions.json"));
        let sessions = match &file {
            Some(file) if file.exists() => {
                let text = std::fs::read_to_string(file)?;
                serde_json::from_str(&text).map_err(|e| {
                    let error = format!("{}: {e}", file.display());
                    io::Error::new(io::ErrorKind::InvalidData, error)
                })?
            }
            _ => HashMap::new(),
        };
        Ok(Sessions {
            sessions: Mutex::new(sessions),
            file,
        })
    }

    /// A new session of `bot`: its id, a lowercase UUID v4.
    pub fn create(&self, bot: &str, data: Map<String, Value>) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        let session = Session {
            bot: bot.to_owned(),
            data,
        };
        self.change(|sessions| {
            sessions.insert(id.clone(), session);
        });
        id
    }

    /// Session `id` of `bot`, if it exists.
    pub fn get(&self, bot: &str, id: &str) -> Option<Session> {
        self.find(id).filter(|session| session.bot == bot)
    }

    /// Session `id`, whichever bot it belongs to.
    pub fn find(&self, id: &str) -> Option<Session> {
        lock(&self.sessions).get(id).cloned()
    }

    /// Shallow-merges `data` into the session's data.
    pub fn merge(&self, id: &str, data: Map<String, Value>) {
        self.change(|sessions| {
            if let Some(session) = sessions.get_mut(id) {
                session.data.extend(data);
            }
        });
    }

    /// Sets one key of the session's data, or removes it.
    pub fn set(&self, id: &str, key: &str, value: Option<Value>) {
        self.change(|sessions| {
            if let Some(session) = sessions.get_mut(id) {
                match value {
                    Some(value) => session.data.insert(key.to_owned(), value),
                    None => session.data.remove(key),
                };
            }
        });
    }

    pub fn delete(&self, id: &str) {
        self.change(|sessions| {
            sessions.remove(id);
        });
    }

    /// Every session is unknown from now on.
    pub fn forget_all(&self) {
        self.change(HashMap::clear);
    }

    pub fn count(&self) -> usize {
        lock(&self.sessions).len()
    }

    /// Applies `change`, then stores the result while still holding the lock, so that the file
    /// always ends with the latest state.
    fn change(&self, change: impl FnOnce(&mut HashMap<String, Session>)) {
        let mut sessions = lock(&self.sessions);
        change(&mut sessions);
        if let Some(file) = &self.file {
            let text = serde_json::to_string_pretty(&*sessions).expect("sessions serialize");
            if let Err(error) = write_atomically(file, text.as_bytes()) {
                tracing::error!("cannot store sessions in {}: {error}", file.display());
            }
        }
    }
}

/// Writes a temporary file and renames it over `path`: a kill leaves the old or the new file,
/// never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(temporary, path)
}
