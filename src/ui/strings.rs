//! Every text the widget shows, in one place so that an integrator can translate it.

use crate::aida::transcript::Failure;
use crate::browser::upload::FileProblem;

/// Declares the texts once: the struct, its defaults, the names an integrator uses (camelCase,
/// as in `index.d.ts`) and the override by name, without serde (a derived `Deserialize` brings
/// a visitor for every field into the wasm).
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
    upload_network "uploadNetwork" = "The picture could not be sent: network error.",
    upload_bad_answer "uploadBadAnswer" = "The server's answer to the upload was not understood.",
    upload_invalid_id "uploadInvalidId" = "The server answered the upload with an invalid image id.",
    upload_too_large "uploadTooLarge" = "The picture is too large for the server.",
    upload_unsupported "uploadUnsupported" = "The server does not accept this kind of file.",
    upload_failed "uploadFailed" = "The server could not store the picture (error {status}).",
    upload_lost "uploadLost" = "The picture was not uploaded before the page was closed; attach it again.",
    not_a_picture "notAPicture" = "“{name}” is not a picture. Only images can be sent.",
    picture_too_large "pictureTooLarge" = "“{name}” is larger than {mb} MB.",
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

impl Strings {
    /// Why a message failed, in words for the visitor.
    pub fn failure(&self, failure: Failure) -> String {
        match failure {
            Failure::Network => self.upload_network.clone(),
            Failure::BadAnswer => self.upload_bad_answer.clone(),
            Failure::InvalidId => self.upload_invalid_id.clone(),
            Failure::TooLarge => self.upload_too_large.clone(),
            Failure::Unsupported => self.upload_unsupported.clone(),
            Failure::Server(status) => fill(
                &self.upload_failed,
                "status",
                &u64::from(status).to_string(),
            ),
            Failure::Lost => self.upload_lost.clone(),
        }
    }

    /// Why a file was not attached.
    pub fn file_problem(&self, problem: &FileProblem) -> String {
        match problem {
            FileProblem::NotAPicture { name } => fill(&self.not_a_picture, "name", name),
            FileProblem::TooLarge { name, max_mb } => fill(
                &fill(&self.picture_too_large, "name", name),
                "mb",
                &max_mb.to_string(),
            ),
        }
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

    #[test]
    fn failures_and_file_problems_are_worded_with_their_details() {
        let s = Strings::default();
        assert_eq!(
            s.failure(Failure::Server(503)),
            "The server could not store the picture (error 503)."
        );
        let problem = FileProblem::TooLarge {
            name: "cat.jpg".into(),
            max_mb: 25,
        };
        assert_eq!(s.file_problem(&problem), "“cat.jpg” is larger than 25 MB.");
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
