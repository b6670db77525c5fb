//! Every text the widget shows, in one place so that an integrator can translate it.

/// `Eq` lets `Rc<Strings>` props compare by pointer first: every bubble's props hold one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Strings {
    pub open_chat: String,
    pub close_chat: String,
    pub minimize: String,
    pub new_conversation: String,
    pub message: String,
    pub conversation: String,
    pub placeholder: String,
    pub send: String,
    pub retry: String,
    pub connecting: String,
    pub connected: String,
    pub reconnecting: String,
    pub offline: String,
    pub unauthorized: String,
    pub refused: String,
    pub misconfigured: String,
    pub replying: String,
    pub earlier_conversation: String,
    pub queued: String,
    pub sent: String,
    pub failed: String,
    pub unread: String,
    pub uploading: String,
    pub picture: String,
    pub view_picture: String,
    pub close_picture: String,
    pub attach: String,
    pub drop_here: String,
}

impl Default for Strings {
    fn default() -> Self {
        let s = |t: &str| t.to_owned();
        Strings {
            open_chat: s("Open chat"),
            close_chat: s("Close chat"),
            minimize: s("Minimize chat"),
            new_conversation: s("New conversation"),
            message: s("Message"),
            conversation: s("Conversation"),
            placeholder: s("Write a message…"),
            send: s("Send"),
            retry: s("Retry"),
            connecting: s("Connecting…"),
            connected: s("Connected"),
            reconnecting: s("Reconnecting in {n} s"),
            offline: s("Offline: messages will be sent when you are back online"),
            unauthorized: s(
                "This chat is unavailable: the server refused the bot id or access token.",
            ),
            refused: s("The server refused the chat: {reason}. Retrying…"),
            misconfigured: s("This chat is unavailable: it is not set up correctly."),
            replying: s("The bot is replying…"),
            earlier_conversation: s("Earlier conversation"),
            queued: s("Waiting to send"),
            sent: s("Sent"),
            failed: s("Not sent"),
            unread: s("{n} unread"),
            uploading: s("Uploading…"),
            picture: s("Picture"),
            view_picture: s("View picture"),
            close_picture: s("Close picture"),
            attach: s("Attach image"),
            drop_here: s("Drop a picture to send it"),
        }
    }
}

impl Strings {
    /// The defaults with an integrator's replacements (`{"send": "Enviar"}`); unknown names and
    /// non-text values are ignored.
    pub fn with(overrides: &serde_json::Map<String, serde_json::Value>) -> Strings {
        let Ok(serde_json::Value::Object(mut all)) = serde_json::to_value(Strings::default())
        else {
            return Strings::default();
        };
        for (key, value) in overrides {
            if let (Some(slot), serde_json::Value::String(_)) = (all.get_mut(key), value) {
                *slot = value.clone();
            }
        }
        serde_json::from_value(serde_json::Value::Object(all)).unwrap_or_default()
    }
}

/// Replaces `{name}` in a template.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_by_camel_case_name() {
        let overrides =
            serde_json::json!({"send": "Enviar", "openChat": "Abrir", "nope": "x", "retry": 3});
        let strings = Strings::with(overrides.as_object().unwrap());
        assert_eq!(
            (strings.send.as_str(), strings.open_chat.as_str()),
            ("Enviar", "Abrir")
        );
        assert_eq!(strings.retry, Strings::default().retry);
    }

    /// The npm package's `AidaChatStrings` type names exactly the texts there are.
    #[test]
    fn the_typescript_declaration_lists_every_string() {
        let declaration = include_str!("../../js/npm/index.d.ts");
        let block = declaration
            .split("export interface AidaChatStrings {")
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .expect("AidaChatStrings in index.d.ts");
        let mut declared: Vec<&str> = block
            .lines()
            .filter_map(|line| line.trim().strip_suffix(": string;"))
            .collect();
        let serde_json::Value::Object(ours) = serde_json::to_value(Strings::default()).unwrap()
        else {
            unreachable!("Strings serialises to an object")
        };
        let mut ours: Vec<&str> = ours.keys().map(String::as_str).collect();
        declared.sort_unstable();
        ours.sort_unstable();
        assert_eq!(declared, ours);
    }
}
