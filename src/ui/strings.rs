//! Every text the widget shows, in one place so that an integrator can translate it.

/// Declares the texts once: the struct, its defaults, the names an integrator uses (camelCase,
/// as in `index.d.ts`) and the override by name, without serde (a derived `Deserialize` for 28
/// fields cost 15 KB of wasm).
macro_rules! strings {
    ($($field:ident $name:literal = $default:literal,)*) => {
        /// `Eq` lets `Rc<Strings>` props compare by pointer first: every bubble's props hold one.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Strings {
            $(pub $field: String,)*
        }

        impl Default for Strings {
            fn default() -> Self {
                Strings { $($field: $default.to_owned(),)* }
            }
        }

        impl Strings {
            /// The names an integrator overrides texts by.
            pub const NAMES: &[&str] = &[$($name),*];

            /// The text named `name`, if there is one by that name.
            fn slot(&mut self, name: &str) -> Option<&mut String> {
                match name {
                    $($name => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

strings! {
    open_chat "openChat" = "Open chat",
    close_chat "closeChat" = "Close chat",
    minimize "minimize" = "Minimize chat",
    new_conversation "newConversation" = "New conversation",
    message "message" = "Message",
    conversation "conversation" = "Conversation",
    placeholder "placeholder" = "Write a message…",
    send "send" = "Send",
    retry "retry" = "Retry",
    connecting "connecting" = "Connecting…",
    connected "connected" = "Connected",
    reconnecting "reconnecting" = "Reconnecting in {n} s",
    offline "offline" = "Offline: messages will be sent when you are back online",
    unauthorized "unauthorized" = "This chat is unavailable: the server refused the bot id or access token.",
    refused "refused" = "The server refused the chat: {reason}. Retrying…",
    misconfigured "misconfigured" = "This chat is unavailable: it is not set up correctly.",
    replying "replying" = "The bot is replying…",
    earlier_conversation "earlierConversation" = "Earlier conversation",
    queued "queued" = "Waiting to send",
    sent "sent" = "Sent",
    failed "failed" = "Not sent",
    unread "unread" = "{n} unread",
    uploading "uploading" = "Uploading…",
    picture "picture" = "Picture",
    view_picture "viewPicture" = "View picture",
    close_picture "closePicture" = "Close picture",
    attach "attach" = "Attach image",
    drop_here "dropHere" = "Drop a picture to send it",
}

impl Strings {
    /// The defaults with an integrator's replacements (`{"send": "Enviar"}`); unknown names and
    /// non-text values are ignored.
    pub fn with(overrides: &serde_json::Map<String, serde_json::Value>) -> Strings {
        let mut strings = Strings::default();
        for (name, value) in overrides {
            if let (Some(slot), Some(text)) = (strings.slot(name), value.as_str()) {
                *slot = text.to_owned();
            }
        }
        strings
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
        let mut ours = Strings::NAMES.to_vec();
        declared.sort_unstable();
        ours.sort_unstable();
        assert_eq!(declared, ours);
    }
}
