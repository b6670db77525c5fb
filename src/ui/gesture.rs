//! What the visitor does in the widget. Every part of the interface tells the widget through one
//! callback of these, made once: the parts' props stay equal from render to render, and the
//! widget answers each gesture in one place.

/// A gesture of the visitor's.
pub enum Gesture {
    /// The launcher: open the panel, or close it.
    Toggle,
    /// The panel's Minimize button, or Esc.
    Minimize,
    NewConversation,
    /// Send this text (the composer's Send, or Enter).
    Send(String),
    /// Files chosen, pasted or dropped, to be checked and sent.
    Files(Vec<web_sys::File>),
    /// The composer came to hold nothing to send, or something.
    Empty(bool),
    /// A file is dragged over the panel, or no longer.
    Drag(bool),
    /// Show the picture at this address large.
    ShowPicture(String),
    ClosePicture,
    /// Send the entry of this id again.
    Retry(String),
    /// Stop the upload of this entry.
    Cancel(String),
}
