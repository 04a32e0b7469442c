"""Messages d'erreur bornés et échappés (issue 10, point 9) : une valeur reçue est coupée à
une longueur raisonnable et ses caractères de contrôle échappés (aucune séquence du
terminal, aucun retour à la ligne : une ligne « - age : OK » ne peut pas être forgée), et au
plus quelques messages d'un même genre, suivis de leur nombre."""

from __future__ import annotations

import pytest

from orientation.situation.erreurs import (
    AU_PLUS,
    PAR_GENRE,
    ErreurSaisie,
    echapper,
    limiter,
    lire_situation,
)


def messages(donnees) -> list[str]:
    with pytest.raises(ErreurSaisie) as e:
        lire_situation(donnees)
    for m in e.value.messages:
        assert "\n" not in m and "\r" not in m and "\x1b" not in m
    return e.value.messages


def test_une_valeur_de_50_mo_n_est_pas_recopiee():
    (m,) = messages({"age": 80, "social": {"aidant": "x" * 50_000_000}})
    assert len(m) < 400
    assert m.startswith("social.aidant : valeur « " + "x" * 60 + "… (50000000 caractères) » "
                        "non permise ; valeurs permises : present, aucun, epuise")


def test_une_ligne_ne_peut_pas_etre_forgee():
    (m,) = messages({"age": 80, "social": {"aidant": "fatigue\n  - age : OK"}})
    assert m == ("social.aidant : valeur « fatigue\\n  - age : OK » non permise ; valeurs "
                 "permises : present, aucun, epuise")


@pytest.mark.parametrize(
    ("brut", "echappe"),
    [("\x1b[2J\x1b[31mrouge", "\\x1b[2J\\x1b[31mrouge"), ("a\rb", "a\\rb"), ("a\tb", "a\\tb"),
     ("\x00", "\\x00"), ("\x9b31m", "\\x9b31m"), ("abc\u202edcb", "abc\\u202edcb"),
     ("\u2028", "\\u2028"), ("\ud800", "\\ud800"), ("\x7f", "\\x7f")],
    ids=["csi", "cr", "tab", "nul", "c1", "bidi", "sep-ligne", "substitution", "del"],
)
def test_les_caracteres_de_controle_sont_echappes(brut, echappe):
    (m,) = messages({"age": 80, "social": {"aidant": brut}})
    assert f"« {echappe} »" in m or m == f"social.aidant : texte illisible (caractère invalide) (reçu : « {echappe} »)"


def test_une_cle_inconnue_est_echappee_et_coupee():
    (m,) = messages({"age": 80, "social": {"a\n  - age : OK\x1b[2J" + "y" * 1000: 1}})
    assert m.startswith("social.a\\n  - age : OK\\x1b[2Jyyy")
    assert len(m) < 300
    assert "champ inconnu" in m


def test_un_million_d_elements_faux_donnent_un_seul_message():
    """La longueur est refusée avant que chaque élément soit validé : un message, pas un
    million (265 Mo de sortie d'erreur, 2 Go de mémoire avant la borne)."""
    lignes = messages({"age": 80, "sante": {"maladies_chroniques": ["grippe"] * 1_000_000}})
    assert lignes == ["sante.maladies_chroniques : liste trop longue (1000000 valeurs ; 13 au "
                      "plus, chacune une seule fois)"]


def test_au_plus_quelques_messages_d_un_meme_genre_puis_leur_nombre():
    lignes = messages({"age": 80, "sante": {"maladies_chroniques": [f"m{i}" for i in range(13)]}})
    assert len(lignes) == PAR_GENRE + 1
    assert lignes[0].startswith("sante.maladies_chroniques[0] : valeur « m0 » non permise")
    assert lignes[-1] == (f"sante.maladies_chroniques[…] : … et {13 - PAR_GENRE} autres "
                          "erreurs du même genre (valeur non permise)")


def test_des_champs_inconnus_nombreux_sont_comptes():
    lignes = messages({"age": 80} | {f"champ{i}": 1 for i in range(10_000)})
    assert len(lignes) == PAR_GENRE + 1
    assert lignes[-1] == (f"(situation) : … et {10_000 - PAR_GENRE} autres erreurs du même "
                          "genre (champ inconnu)")


def test_des_erreurs_de_genres_differents_sont_toutes_dites():
    lignes = messages({"age": -1, "social": {"aidant": "x", "logement": "y"},
                       "sante": {"nb_medicaments": "z"}})
    assert len(lignes) == 4


def test_un_entier_geant_est_resume_sans_erreur():
    (m,) = messages({"age": 10**5000})
    assert m.startswith("age : valeur ")
    assert len(m) < 200
    assert "5001 chiffres" in m


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [("court", "court"), ("x" * 100, "x" * 60 + "… (100 caractères)"), (12, "12"),
     (None, "null"), (True, "true"), ([1, "a\n"], '[1, "a\\n"]'),
     (list(range(100)), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …] (100 éléments)"),
     ({"k\x1b": "v"}, '{"k\\x1b": "v"}')],
    ids=["court", "long", "entier", "null", "booleen", "liste", "longue-liste", "objet"],
)
def test_echapper(valeur, attendu):
    assert echapper(valeur) == attendu


def test_limiter_une_liste_de_messages_quelconque():
    lignes = limiter([f"erreur {i}" for i in range(1_000)])
    assert len(lignes) == AU_PLUS + 1
    assert lignes[-1] == f"… et {1_000 - AU_PLUS} autres erreurs"
    assert limiter(["a\nb"]) == ["a\\nb"]
    assert limiter(["é" * 10_000])[0].endswith("… (10000 caractères)")


def test_toute_erreur_de_saisie_est_bornee_quelle_que_soit_sa_source():
    """Un tableau de 10 000 colonnes inconnues donnait 10 001 messages (21 Mo pour 200 001) :
    ErreurSaisie borne ses messages pour toutes les interfaces."""
    e = ErreurSaisie([f"(colonnes) : colonne inconnue « c{i}\x1b »" for i in range(10_000)])
    assert len(e.messages) == AU_PLUS + 1
    assert e.messages[-1] == f"… et {10_000 - AU_PLUS} autres erreurs"
    assert "\x1b" not in str(e) and "\\x1b" in e.messages[0]
