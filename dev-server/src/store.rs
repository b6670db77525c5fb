//! The optional data directory: sessions in `sessions.json`, each image as `images/<id>` with
//! `images/<id>.json` beside it, so that a killed and restarted server keeps them.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::state::{Image, Session};

pub struct Store {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct ImageMeta {
    bot: String,
    session: String,
    content_type: String,
}

impl Store {
    pub fn open(dir: PathBuf) -> std::io::Result<Store> {
        fs::create_dir_all(dir.join("images"))?;
        Ok(Store { dir })
    }

    pub fn load(&self) -> (HashMap<String, Session>, HashMap<String, Image>) {
        let sessions = fs::read_to_string(self.dir.join("sessions.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let mut images = HashMap::new();
        for entry in fs::read_dir(self.dir.join("images"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let id = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let meta: Option<ImageMeta> = fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| serde_json::from_str(&t).ok());
                if let (Some(meta), Ok(bytes)) = (meta, fs::read(path.with_extension(""))) {
                    let ImageMeta {
                        bot,
                        session,
                        content_type,
                    } = meta;
                    images.insert(
                        id,
                        Image {
                            bot,
                            session,
                            content_type,
                            bytes,
                        },
                    );
                }
            }
        }
        (sessions, images)
    }

    pub fn save_sessions(&self, sessions: &HashMap<String, Session>) {
        let text = serde_json::to_string(sessions).unwrap_or_default();
        if let Err(error) = fs::write(self.dir.join("sessions.json"), text) {
            tracing::warn!("cannot store sessions: {error}");
        }
    }

    pub fn save_image(&self, id: &str, image: &Image) {
        let meta = ImageMeta {
            bot: image.bot.clone(),
            session: image.session.clone(),
            content_type: image.content_type.clone(),
        };
        let path = self.dir.join("images").join(id);
        let written = fs::write(&path, &image.bytes)
            .and_then(|_| fs::write(path.with_extension("json"), serde_json::to_string(&meta)?));
        if let Err(error) = written {
            tracing::warn!("cannot store image {id}: {error}");
        }
    }

    pub fn delete_image(&self, id: &str) {
        let path = self.dir.join("images").join(id);
        let _ = fs::remove_file(&path);
        let _ = fs::remove_file(path.with_extension("json"));
    }
}
