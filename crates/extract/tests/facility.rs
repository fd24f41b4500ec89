//! Facilities described by kind and direction ("an air base west of X") are
//! linked to the one KB facility of that kind there, and to none when the
//! description fits several or none. Sentences and KB written for these tests.

mod common;

/// Two towns; two air bases west of Old Town (one near, one far), one air base east of it.
const KB: &str = r#"
{"id":"old-town","name":"Old Town","type":"place","country":"ALP","lat":10.0,"lon":20.0,"feature":"city"}
{"id":"new-town","name":"New Town","type":"place","country":"ALP","lat":14.0,"lon":20.0,"feature":"city"}
{"id":"west-field","name":"West Field","type":"place","country":"ALP","lat":9.9,"lon":19.0,"feature":"airbase"}
{"id":"east-field","name":"East Field","type":"place","country":"ALP","lat":10.0,"lon":20.8,"feature":"airbase"}
{"id":"north-a","name":"North A","type":"place","country":"ALP","lat":14.9,"lon":20.1,"feature":"airbase"}
{"id":"north-b","name":"North B","type":"place","country":"ALP","lat":14.9,"lon":19.9,"feature":"airbase"}
{"id":"red-army","name":"Red Army","type":"armed_group","country":"ALP","sector":"MIL"}
"#;

const LEXICON: &str = r#"
[cues]
facility_airbase = ["air base", "airfield", "aviation field"]
distance_units = ["km"]
"#;

fn linked(text: &str) -> Vec<String> {
    let doc = common::extract(&common::extractor(KB, Some(LEXICON)), text);
    doc.entities.into_iter().map(|e| e.id).collect()
}

#[test]
fn a_facility_west_of_a_town_is_the_one_air_base_there() {
    let ids = linked("The Red Army seized an air base west of Old Town.");
    assert!(ids.contains(&"west-field".to_string()), "{ids:?}");
    let ids = linked("The Red Army seized a large airfield on Monday, which is situated some 90 km east of Old Town.");
    assert!(ids.contains(&"east-field".to_string()), "{ids:?}");
}

#[test]
fn no_facility_when_the_description_fits_several_or_none() {
    let ids = linked("The Red Army seized an air base north of New Town.");
    assert!(!ids.iter().any(|i| i.starts_with("north-")), "{ids:?}");
    let ids = linked("The Red Army seized an air base south of Old Town.");
    assert!(!ids.iter().any(|i| i.ends_with("-field")), "{ids:?}");
    let ids = linked("The Red Army seized an air base in Old Town.");
    assert!(!ids.iter().any(|i| i.ends_with("-field")), "{ids:?}");
}
