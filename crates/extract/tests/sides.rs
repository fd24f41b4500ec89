//! The side an actor stands for when reports are compared: a commander for
//! his force, a force for its government, a state's army for its country;
//! rival governments of one country stay apart. KB written for these tests.

use sitrep_extract::Extractor;
use sitrep_kb::KbBuilder;

const KB: &str = r#"
{"id":"alphaland","name":"Alphaland","type":"country","country":"ALP","code":"ALP","sector":"GOV"}
{"id":"north-gov","name":"Northern Government","type":"government","country":"ALP","part_of":["ALP"]}
{"id":"south-gov","name":"Southern Government","type":"government","country":"ALP","part_of":["ALP"]}
{"id":"north-forces","name":"Northern Forces","type":"armed_group","country":"ALP","part_of":["north-gov"]}
{"id":"alp-army","name":"Alphan Army","type":"armed_group","country":"ALP","part_of":["ALP"]}
{"id":"free-band","name":"Free Band","type":"armed_group","country":"ALP"}
{"id":"gen-kor","name":"Gen Kor","type":"person","country":"ALP","part_of":["north-forces"]}
"#;

fn extractor() -> Extractor {
    let mut b = KbBuilder::default();
    b.add_jsonl("test-kb.jsonl", KB).unwrap();
    Extractor::new(b.build().unwrap())
}

#[test]
fn commanders_forces_and_armies_stand_for_their_government_or_country() {
    let ex = extractor();
    assert_eq!(ex.side("gen-kor"), "north-gov");
    assert_eq!(ex.side("north-forces"), "north-gov");
    assert_eq!(ex.side("alp-army"), "alphaland");
    assert_eq!(ex.side("alphaland"), "alphaland");
}

#[test]
fn governments_and_independent_groups_stand_for_themselves() {
    let ex = extractor();
    assert_eq!(ex.side("north-gov"), "north-gov");
    assert_eq!(ex.side("south-gov"), "south-gov");
    assert_eq!(ex.side("free-band"), "free-band");
    assert_eq!(ex.side("not-in-kb"), "not-in-kb");
}
