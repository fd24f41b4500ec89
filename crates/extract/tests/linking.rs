//! Entity linking on text written for these tests, against a KB built here.

mod common;

const KB: &str = r#"
{"id":"alphaland","name":"Alphaland","type":"country","country":"ALP","code":"ALP","sector":"GOV","lat":10.0,"lon":10.0,"feature":"country"}
{"id":"betaland","name":"Betaland","type":"country","country":"BET","code":"BET","sector":"GOV","lat":20.0,"lon":20.0,"feature":"country"}
{"id":"alpha-army","name":"Alphan Armed Forces","type":"armed_group","country":"ALP","code":"ALP","sector":"MIL","part_of":["ALP"]}
{"id":"beta-army","name":"Betan Armed Forces","type":"armed_group","country":"BET","code":"BET","sector":"MIL","part_of":["BET"]}
{"id":"tomas-serrano","name":"Tomas Serrano","type":"person","country":"ALP","code":"ALP","sector":"GOV","roles":[{"title":"Prime Minister","of":"ALP","from":"2015-01-01","to":null}]}
"#;

/// The text spans each KB entity was found at.
fn mentions(text: &str) -> Vec<(String, String)> {
    let doc = common::extract(&common::extractor(KB, None), text);
    doc.entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (e.id.clone(), text[m.span.start..m.span.end].to_string())))
        .collect()
}

#[test]
fn a_garbled_name_licensed_by_a_title_is_the_same_person_where_it_recurs() {
    let found = mentions("Prime Minister serano visited Betaland on Monday. Officials in Betaland met with serano for two hours.");
    let serrano: Vec<_> = found.iter().filter(|(id, _)| id == "tomas-serrano").collect();
    assert_eq!(serrano.len(), 2, "{found:?}");
}

#[test]
fn a_lower_case_word_is_no_name_without_a_title_or_an_earlier_mention() {
    let found = mentions("Officials in Betaland met with serano for two hours.");
    assert!(found.iter().all(|(id, _)| id != "tomas-serrano"), "{found:?}");
}

#[test]
fn the_army_is_the_one_state_army_the_article_names() {
    let found = mentions("The Alphan Armed Forces clashed with rebels. The army said it held the city.");
    assert!(found.contains(&("alpha-army".to_string(), "army".to_string())), "{found:?}");
    // Two state armies in play: "the army" could be either.
    let found = mentions("The Alphan Armed Forces and the Betan Armed Forces met. The army said it held the city.");
    assert!(!found.iter().any(|(_, text)| text == "army"), "{found:?}");
    // None named: nothing to resolve it to.
    let found = mentions("The army said it held the city.");
    assert!(found.is_empty(), "{found:?}");
}
