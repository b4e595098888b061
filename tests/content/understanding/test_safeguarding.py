"""The safeguarding check: families and tiers, how young people write, four languages, bad lists."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content.understanding.safeguarding import SAFEGUARDING_DIR, RiskDetector, SafeguardingFileError


@pytest.fixture(scope="module")
def detector() -> RiskDetector:
    # Built here, not the process's shared one (RiskDetector.load()): mutation testing runs these tests in
    # processes forked after that one was built, so a mistake in building it would go unseen.
    return RiskDetector()


@pytest.mark.parametrize(("text", "family"), [
    ("i want to kill myself", "suicide"),
    ("i honestly think i might just actually end it", "suicide"),  # words in between
    ("EVERYONE WOULD BE BETTER OFF WITHOUT ME", "suicide"),  # shouting, burdensomeness
    ("wnt 2 kil my slef", "suicide"),  # typos in short words and text speak
    ("feelin sucidal agen", "suicide"),  # a misspelt long word, corrected
    ("jus took a whole packet of paracetamol", "medical-emergency"),
    ("been cutting my arms again", "self-harm"),
    ("my olders want me to go country this weekend", "criminal-exploitation"),
    ("he checks my phone and wont let me see my friends", "domestic-abuse"),
    ("my foster carer hits me", "abuse"),
    ("he said if i tell anyone hell hurt my mum", "threats"),
    ("got nowhere to sleep tonight", "homeless-tonight"),
    ("no gas or electric and havent eaten since yesterday", "destitution"),
    ("they took my passport and i cant leave the house", "missing-trafficked"),
    ("my mate said shes going to kill herself", "risk-to-others"),
    ("gonna take all my tablets after work tomorrow", "suicide"),  # the whole supply, with a time
    ("been practicing a noose off a video", "suicide"),  # a preparatory act
    ("they said im getting stabbed on sight", "threats"),
    ("theres a bounty on me from his boys", "threats"),
    ("6 months clean and i ruined it last night", "self-harm"),
    ("my sister is 14 and seeing a 24 year old man who picks her up after school", "risk-to-others"),
    ("my mate says shes taking all her pills tonight", "risk-to-others"),  # someone else's plan: their family
    ("قالولي عليك دين لازم توصل الباكيت لبرا", "criminal-exploitation"),  # a debt paid off by carrying
])
def test_clear_risk_is_found_by_family(detector, text, family):
    risk = detector.assess(text)
    assert risk is not None, text
    assert (risk.id, risk.level) == (family, "clear"), detector.why(text)


@pytest.mark.parametrize("text", [
    "smashed it at my interview, killing it",
    "my phone died, can you send the link again",
    "id die for a free gym pass",
    "can i end my tenancy early",
    "im dying to know if i got the bursary",
    "going on a suicide prevention training day for my care job",
    "starting college in september, is there a bursary",  # "starting" must not be corrected to "starving"
    "how do i apply for council tax exemption",
    "that video had me crying, i literally cant breathe from laughing",
])
def test_harmless_uses_of_risk_words_raise_nothing(detector, text):
    assert detector.assess(text) is None, detector.why(text)


def test_vague_distress_gets_the_possible_tier(detector):
    risk = detector.assess("everything is too much rn")
    assert risk is not None and risk.level == "possible" and risk.id == "distress"


@pytest.mark.parametrize("text", [
    "so overwhelmed with the student finance forms, can my PA help me fill them in",
    "struggling a lot lately, how do i get a new PA",
])
def test_a_feeling_on_the_way_to_a_practical_question_gets_the_answer_not_a_check_in(detector, text):
    # The distress list alone would check in; the examples read the whole message as an ordinary question.
    assert detector.assess(text) is None, detector.why(text)


@pytest.mark.parametrize("text", ["i feel so overwhelmed", "feel like a failure tbh", "im so stressed and lonely"])
def test_vague_distress_on_its_own_still_gets_the_check_in(detector, text):
    risk = detector.assess(text)
    assert risk is not None and risk.level == "possible" and risk.id == "distress", detector.why(text)


def test_the_classifier_only_ever_raises_the_possible_tier(detector):
    # No list holds this wording; the examples teach that it is risk, but never as a full alarm.
    text = "tonight might be the last time i bother anyone tbh"
    risk = detector.assess(text)
    assert risk is not None and risk.level == "possible", detector.why(text)
    assert "examples" in (detector.why(text) or "")


@pytest.mark.parametrize("text", ["no", "nope", "Nottingham", "yes"])
def test_one_ordinary_word_raises_nothing(detector, text):
    # "no" typed at "Which council?" is not a young person in danger.
    assert detector.assess(text) is None, detector.why(text)


@pytest.mark.parametrize(("text", "because"), [
    # A list word in a message unlike any risk example: an essay topic, a reading list.
    ("im doin a presentation on county lines for my health n social care course, any good sources",
     "about a story, a course or the news"),
    ("what does cuckooing mean, its on my criminology reading list", "about a story, a course or the news"),
    ("did a presentation on county lines for my course, went well, any tips for the next one", "examples disagree"),
    # Risk told as over, with nothing saying it is back.
    ("i used to cut myself when i was 14 but im doing well now, is there help to get scars treated",
     "told as past and better now"),
    ("my sister tried to overdose years ago, shes in a good place now, can she still get a PA at 22",
     "told as past and better now"),
    ("قبلا خودزنی میکردم ولی الان خوبم، کلاس ورزش مجانی هست؟", "told as past and better now"),
    ("i slept rough last year but ive got my own flat now, can i get help with furniture",
     "told as past and better now"),
    # A question about what a word means, with nothing making it about them.
    ("what does unalive mean, my mate said it in a tiktok", "examples disagree"),  # "my mate": not about them
    ("whats 'unalive' mean? i keep seein it everywhere", "asks what a word means"),
    ("شو يعني cuckooing؟ سمعتها بالكلية", "asks what a word means"),
    ("county lines یعنی چی؟ تو اخبار دیدم", "asks what a word means"),
    ("whats the difference between self harm and suicide, we did it at school", "asks what a word means"),
    ("shu ya3ni cuckooing? ana ma fhemt", "asks what a word means"),  # "ana" (I) alone does not make it theirs
    # "٤" is the number 4 in an Arabic message, not text speak's "for".
    ("كنت اجرح حالي قبل ٤ سنين بس هلق منيح", "told as past and better now"),
    ("i tried to end my life at 16, im 22 now and doing really well", "told as past and better now"),
    # A risk word in a story, a course or the news.
    ("that hollyoaks storyline about the girl being groomed was so well done", "about a story, a course or the news"),
    ("essay on county lines for criminology due friday, any good sources?", "about a story, a course or the news"),
])
def test_a_list_match_gets_a_check_in_not_the_full_alarm_when(detector, text, because):
    risk = detector.assess(text)
    assert risk is not None and risk.level == "possible", detector.why(text)
    assert because in (detector.why(text) or "")


def test_the_only_thing_that_calms_me_is_a_check_in_alone_and_an_alarm_with_self_harm(detector):
    # Music, a walk or a pet can be "the only thing that calms me down"; cutting said with it cannot.
    alone = detector.assess("music is the only thing that calms me down when my head gets too much")
    assert alone is not None and alone.level == "possible" and alone.id == "self-harm"
    with_harm = detector.assess("cutting is the only thing that calms me down")
    assert with_harm is not None and with_harm.level == "clear" and with_harm.id == "self-harm"



@pytest.mark.parametrize("text", [
    "i used to cut myself and was doing well but i did it again last night",
    "used to self harm years ago, im good at hiding it",
    "i used to self harm, doing better now but i want to die",
    "im doing well at college but i self harm every night",  # better, but nothing says it is past
    "i used to self harm and i cut myself last night",  # past, but nothing says it is better
    "قبلا خودزنی میکردم، خوب شدم ولی دوباره شروع کردم",
    "what does cuckooing mean, a man moved into my flat and sells from it",  # about them: "my flat"
    "what does it mean if i want to kill myself",
    "age az pol bepari mimiri?",  # Finglish: if you jump from the bridge, do you die?
    # The setting taken back, or danger now.
    "doing my first aid course but actually my flatmate just collapsed and isnt breathing",
    "for my coursework... ok its not for coursework, how many paracetamol would kill someone",
    "that eastenders storyline is me, my boyfriend controls my money and wont let me see anyone",
])
def test_risk_that_is_back_keeps_the_full_alarm_though_it_was_over(detector, text):
    risk = detector.assess(text)
    assert risk is not None and risk.level == "clear", detector.why(text)


@pytest.mark.parametrize("text", [
    "council tax letter came, whats the point, i want to die",
    "how do i apply for the bursary? also im going to kill myself tonight",
])
def test_risk_buried_after_an_ordinary_question_keeps_the_full_alarm(detector, text):
    # The ordinary part pulls the whole message's chance down; the veto reads each clause too.
    risk = detector.assess(text)
    assert risk is not None and risk.level == "clear" and risk.id == "suicide", detector.why(text)


@pytest.mark.parametrize(("text", "language"), [
    ("بدي موت، ما عاد فيني كمل", "ar"),
    ("میخوام خودمو بکشم", "fa"),
    ("mikham bemiram", "fa"),
    ("bdi mut", "ar"),
])
def test_risk_in_the_sites_other_languages_is_found_in_that_language(detector, text, language):
    risk = detector.assess(text)
    assert risk is not None and risk.level == "clear", detector.why(text)
    assert risk.language == language


@pytest.mark.parametrize(("text", "asks"), [
    ("samaritans number", "en"),
    ("get help now", "en"),
    ("EMERGENCY", "en"),
    ("طوارئ", "ar"),
    ("is the emergency fund still running", None),
    ("what crisis support is in the local offer for rent arrears", None),
])
def test_typed_requests_for_urgent_help(detector, text, asks):
    assert detector.asks_for_help(text) == asks


def test_crisis_follow_ups(detector):
    assert detector.is_crisis_followup("what do i do")
    assert detector.is_crisis_followup("im scared")
    assert detector.is_crisis_followup("شو اعمل")
    assert not detector.is_crisis_followup("how do i apply for the setting up home allowance")


def test_the_lists_cover_every_family_in_english(detector):
    words = (SAFEGUARDING_DIR / "en.yaml").read_text(encoding="utf-8")
    for family in detector.families:
        assert f"\n  {family}:\n" in words, family


@pytest.fixture
def lists_copy(tmp_path) -> Path:
    dest = tmp_path / "safeguarding"
    shutil.copytree(SAFEGUARDING_DIR, dest)
    return dest


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("en.yaml", "\n  suicide:\n", "\n  suicde:\n", "en.yaml: families.suicde: not a family in families.yaml"),
    ("en.yaml", '    - "@violence_to_me"\n', '    - "@no_such_list"\n', "@no_such_list: no such concept"),
    ("en.yaml", "    - within: 4\n", "    - within: many\n", "within"),
    ("families.yaml", "  tier: possible\n", "  tier: maybe\n", "families.yaml: families.12.tier"),
    ("fa.yaml", "language: fa", "language: [fa", "fa.yaml: cannot be read"),
    ("ps.yaml", "  past: [پخوا,", "  past: []\n  was: [پخوا,", "ps.yaml: past_and_better.past: List should"),
    ("ar.yaml", "  not_if: [مرة", "  not_if: [\"\", مرة", "ar.yaml: past_and_better.not_if: an empty entry"),
    ("en.yaml", '  words: ["what does * mean",', '  words: []\n  asks: ["what does * mean",',
     "en.yaml: asks_what_it_means.words: List should"),
])
def test_a_broken_list_is_refused_with_file_field_and_reason(lists_copy, file, old, new, expected):
    path = lists_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SafeguardingFileError) as error:
        RiskDetector(lists_copy)
    assert expected in str(error.value)


def test_examples_need_both_kinds(lists_copy):
    for path in (lists_copy / "examples").glob("*negative*.yaml"):
        path.unlink()
    (lists_copy / "examples" / "en-offer-questions.yaml").unlink()
    for path in (lists_copy / "examples").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('expect: "none"', 'expect: "clear"').replace("expect: none", "expect: clear"),
                        encoding="utf-8")
    with pytest.raises(SafeguardingFileError, match="both risk and no-risk"):
        RiskDetector(lists_copy)


def test_arabizi_sh_is_what_not_self_harm(detector):
    # "sh" is English text speak for self harm, and Arabizi for "what" (shu).
    asked = detector.assess("sh asawi iza el landlord ma rad 3alay?")  # what do i do if the landlord doesnt answer
    assert asked is None or asked.level != "clear", detector.why("sh asawi iza el landlord ma rad 3alay?")
    harm = detector.assess("bde a3mel sh")  # i want to self harm
    assert harm is not None and harm.level == "clear" and harm.id == "self-harm"


@pytest.mark.parametrize("text", [
    "I've heard about Universal Credit but I don't know where to start. How do I apply?",
    "landlord says im behind on rent and he might kick me out, can anyone help me keep my place",
    "mikham khoone begiram tanha, ki komak mikone?",  # Farsi: I want to get a flat alone, who helps?
])
def test_ordinary_worries_that_look_like_risk_words_get_no_full_alarm(detector, text):
    # "dont know where" (to start), "kick me out" (of a flat), "begiram" (I get: one letter from "bemiram", I die).
    found = detector.assess(text)
    assert found is None or found.level != "clear", detector.why(text)


@pytest.mark.parametrize(("text", "family"), [
    ("They took me from the hotel where the asylum kids stay and now I am in another city, I dont know where",
     "missing-trafficked"),
    ("i dont know where i am, they drove me here", "missing-trafficked"),
    ("dunno where im staying tmrw, my mates mum said only one night", "homeless-tonight"),
    ("mikham bemiram", "suicide"),
])
def test_not_knowing_where_you_are_is_still_risk(detector, text, family):
    found = detector.assess(text)
    assert found is not None and (found.id, found.level) == (family, "clear"), detector.why(text)


@pytest.mark.parametrize(("text", "family"), [
    # Round 10: danger said once, quietly, inside an ordinary question.
    ("the train tracks are behind our house and i keep thinking about how easy it would be to walk onto them, "
     "anyway is there a bursary", "suicide"),
    ("some lads from my old home use my flat to sell from now and i cant say no, will i lose my tenancy",
     "criminal-exploitation"),
    ("they found me on snap and want me working for their line again, can i change schools", "criminal-exploitation"),
    ("had a row with my carer and she said dont come back, been out all day, can i get help with driving lessons",
     "homeless-tonight"),
    ("sa7bi 5ad 7obob keteer w msh byrod 3alaya", "medical-emergency"),  # Arabizi: friend took lots of pills, no answer
    ("sheer-e bacha khalas shuda wa pampers ham nadarum", "destitution"),  # Dari: the baby's milk ran out, no nappies
    ("rekhtya kaash che mar wom", "suicide"),  # Pashto, Latin letters: honestly I wish I were dead
])
def test_quiet_risk_inside_an_ordinary_question_is_found(detector, text, family):
    found = detector.assess(text)
    assert found is not None and found.id == family and found.level == "clear", detector.why(text)
