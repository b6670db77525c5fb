//! Pictures: uploaded to the session first, then sent as `utb_img`.

use super::*;
use crate::aida::protocol;

const IMAGE: &str = "bbbbbbbb-2222-4333-8444-555555555555";

#[test]
fn a_picture_is_uploaded_to_the_session_then_sent_as_utb_img() {
    let mut h = Harness::new(None);
    let id = h.attach();
    assert!(
        h.chat.take_uploads().is_empty(),
        "no upload before there is a session"
    );
    h.ready(SESSION);
    let uploads = h.chat.take_uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].entry, id);
    assert_eq!(uploads[0].preview.as_deref(), Some("blob:picture-1"));
    assert_eq!(
        uploads[0].url,
        format!("http://127.0.0.1:4000/content/image/{BOT}/{SESSION}")
    );
    h.say("after the picture");
    assert!(h.chat.take_uploads().is_empty(), "one upload per picture");
    assert_eq!(h.count("utb_img"), 0);
    h.input(Input::Uploaded {
        entry: &id,
        result: Ok(IMAGE.to_uppercase()),
    });
    h.io();
    assert_eq!(
        h.last("utb_img").payload,
        json!({"session": SESSION, "image": IMAGE})
    );
    assert_eq!(h.chat.entries()[0].status, Some(Delivery::Sent));
    let image = h.chat.entries()[0].image.clone().unwrap();
    assert_eq!(image.id.as_deref(), Some(IMAGE), "lowercase");
    assert_eq!(image.preview, None, "the page lets go of its preview");
    assert_eq!(
        protocol::image_url(&config().content_url, IMAGE).as_deref(),
        Some(format!("http://127.0.0.1:4000/content/image/{IMAGE}").as_str()),
        "where the view finds the picture"
    );
}

#[test]
fn a_failed_upload_is_marked_and_retried_on_request() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    let id = h.attach();
    assert_eq!(h.chat.take_uploads().len(), 1);
    h.input(Input::Uploaded {
        entry: &id,
        result: Err(Failure::TooLarge),
    });
    let entry = &h.chat.entries()[0];
    assert_eq!(entry.status, Some(Delivery::Failed));
    assert_eq!(entry.error, Some(Failure::TooLarge));
    assert!(entry.retryable(), "the page still has the picture");
    h.input(Input::Retry(&id));
    assert_eq!(h.chat.take_uploads().len(), 1, "retry uploads again");
    assert_eq!(h.chat.entries()[0].error, None);
    h.input(Input::Uploaded {
        entry: &id,
        result: Ok("not-a-uuid".into()),
    });
    assert_eq!(
        h.chat.entries()[0].status,
        Some(Delivery::Failed),
        "a non-UUID id is refused"
    );
    assert_eq!(h.chat.entries()[0].error, Some(Failure::InvalidId));
    assert_eq!(h.count("utb_img"), 0);
}

#[test]
fn an_upload_shows_its_progress_without_a_store_write_and_a_cancel_stops_it() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    let id = h.attach();
    h.chat.take_store();
    let progress = |h: &Harness| h.chat.entries()[0].image.as_ref().unwrap().progress;
    h.input(Input::UploadProgress {
        entry: &id,
        percent: 40,
    });
    assert_eq!(
        progress(&h),
        None,
        "no progress before the upload is handed out"
    );
    assert_eq!(h.chat.take_uploads().len(), 1);
    assert_eq!(progress(&h), Some(0), "under way from the start");
    h.input(Input::UploadProgress {
        entry: &id,
        percent: 40,
    });
    assert_eq!(progress(&h), Some(40));
    let drawn = h.chat.entries()[0].clone();
    h.input(Input::UploadProgress {
        entry: &id,
        percent: 40,
    });
    assert!(
        Rc::ptr_eq(&drawn, &h.chat.entries()[0]),
        "the same percent again changes nothing the view would draw"
    );
    assert!(!h.chat.store_due(), "progress is never stored");

    assert!(h.chat.uploading(&id));
    h.input(Input::Cancel(&id));
    assert!(!h.chat.uploading(&id), "the driver stops the upload");
    h.input(Input::Uploaded {
        entry: &id,
        result: Ok(IMAGE.into()),
    });
    let entry = &h.chat.entries()[0];
    assert_eq!(entry.status, Some(Delivery::Failed));
    assert_eq!(entry.error, Some(Failure::Cancelled));
    assert_eq!(progress(&h), None);
    assert!(entry.retryable());
    assert_eq!(h.count("utb_img"), 0);
    h.input(Input::Retry(&id));
    assert_eq!(h.chat.take_uploads().len(), 1, "Retry uploads it again");
}

#[test]
fn a_picture_waiting_for_its_session_can_be_cancelled_and_a_sent_one_cannot() {
    let mut h = Harness::new(None);
    let id = h.attach();
    h.input(Input::Cancel(&id));
    assert_eq!(h.chat.entries()[0].status, Some(Delivery::Failed));
    assert_eq!(h.chat.entries()[0].error, Some(Failure::Cancelled));
    h.ready(SESSION);
    assert!(
        h.chat.take_uploads().is_empty(),
        "a cancelled picture waits for Retry"
    );
    h.input(Input::Retry(&id));
    assert_eq!(h.chat.take_uploads().len(), 1);
    h.input(Input::Uploaded {
        entry: &id,
        result: Ok(IMAGE.into()),
    });
    h.io();
    h.input(Input::Cancel(&id));
    assert_eq!(h.chat.entries()[0].status, Some(Delivery::Sent));
    assert_eq!(h.chat.entries()[0].error, None);
    assert_eq!(h.count("utb_img"), 1);
}
