//! Every text the widget shows, in one place so that an integrator can translate it.

#[derive(Debug, Clone, PartialEq)]
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
    pub unauthorized: String,
    pub refused: String,
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
            unauthorized: s(
                "This chat is unavailable: the server refused the bot id or access token.",
            ),
            refused: s("The server refused the chat: {reason}. Retrying…"),
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

/// Replaces `{name}` in a template.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}
