//! Protocol versions: a plugin built for protocol 1 (before conversation messages) loads and answers under this
//! host exactly as before, and a protocol-2 plugin that asks for messages receives them, through the same child
//! process.

use std::time::Duration;

use chuxin_plugin_host::{
    CompareInput, Isolation, Limits, MessageRecord, Plugin, PostRecord, ProcessHost, Registry, SearchOrigin, SearchPath,
};

use crate::artifacts::{self, folder_with_industry_plugins};

fn isolation() -> Isolation {
    Isolation::Process(ProcessHost {
        program: artifacts::get().child_host().to_path_buf(),
        limits: Limits {
            call_timeout: Duration::from_secs(10),
            ..Limits::default()
        },
    })
}

fn post(brand: &str, likes: f64) -> PostRecord {
    PostRecord {
        brand: brand.into(),
        likes: Some(likes),
        ..PostRecord::default()
    }
}

#[test]
fn a_protocol_1_plugin_loads_and_answers_as_before() {
    let plugin = Plugin::load_with(artifacts::get().library("fixture_protocol_v1"), &isolation()).unwrap();
    assert!(plugin.process_id().is_some());
    assert_eq!((plugin.id(), plugin.api_version()), ("protocol_v1", "0.1.0"));
    // Its comparison names post fields only: no `message.` need, so no host sends it messages.
    let info = plugin.comparisons().unwrap();
    assert_eq!(info[0].needs, ["likes"]);
    assert!(!info[0].needs.iter().any(|n| n.starts_with(MessageRecord::NEED_PREFIX)));
    // A protocol-2 input without messages is a protocol-1 input: the plugin, which refuses unknown fields,
    // answers it. A: 3 posts, 10 + 20 + 5 likes; B: 1 post, 7 likes.
    let input = CompareInput {
        comparison: "post_count".into(),
        client_brand: "A".into(),
        posts: vec![post("A", 10.0), post("B", 7.0), post("A", 20.0), post("A", 5.0)],
        ..CompareInput::default()
    };
    let out = plugin.compare(&input).unwrap();
    let got: Vec<_> = out
        .rows
        .iter()
        .map(|r| (r.brand.as_str(), r.client, r.value, r.note.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("A", true, Some(3.0), Some("35 likes")),
            ("B", false, Some(1.0), Some("7 likes"))
        ]
    );
    // The fixture really is strict: a protocol-2 field would have been refused, so the answer above proves the
    // host sent none.
    let with_messages = CompareInput {
        messages: vec![MessageRecord {
            brand: "A".into(),
            ..MessageRecord::default()
        }],
        ..input
    };
    let err = plugin.compare(&with_messages).unwrap_err();
    assert!(err.to_string().contains("failed in `compare`"), "{err}");
    assert!(
        chuxin_plugin_host::error_chain(&err).contains("unknown field `messages`"),
        "{}",
        chuxin_plugin_host::error_chain(&err)
    );
}

#[test]
fn a_plugin_that_asks_for_messages_receives_them_in_its_process() {
    let dir = folder_with_industry_plugins();
    let registry = Registry::discover_with(
        &[SearchPath::new(dir.path(), SearchOrigin::CommandLine)],
        Ok(isolation()),
    );
    let food = registry.get("food").unwrap();
    assert!(food.process_id().is_some());
    let message = |brand: &str, text: &str, answered: bool| MessageRecord {
        brand: brand.into(),
        text: Some(text.into()),
        answered: Some(answered),
        ..MessageRecord::default()
    };
    // 蓮心茶飲: three complaints (退款, 等太久, 態度很差+退錢 in one), two answered: 2 ÷ 3; one praise.
    let out = food
        .compare(&CompareInput {
            comparison: "complaint_reply_share".into(),
            client_brand: "蓮心茶飲".into(),
            messages: vec![
                message("蓮心茶飲", "飲料灑了,要求退款", true),
                message("蓮心茶飲", "外送等太久", false),
                message("蓮心茶飲", "店員態度很差,我要退錢", true),
                message("蓮心茶飲", "珍奶好喝", false),
            ],
            ..CompareInput::default()
        })
        .unwrap();
    assert_eq!(out.rows.len(), 1);
    assert_eq!((out.rows[0].posts, out.rows[0].value), (3, Some(2.0 / 3.0)));
    assert!(
        out.rows[0]
            .note
            .as_deref()
            .unwrap()
            .starts_with("3 complaints among 4 customer messages")
    );
}
