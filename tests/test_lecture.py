"""Lecture sûre du JSON (situation/lecture.py) : ce qu'un fichier hostile ou maladroit ne
peut pas faire — perdre une valeur (clé en double), épuiser la pile (imbrication), bloquer
le processeur (nombre géant), glisser un caractère de contrôle — et le message français qui
le dit, avec la ligne et la colonne (issue 10, points 6 et 7)."""

from __future__ import annotations

import json

import pytest

from orientation.situation.erreurs import ErreurSaisie, lire_situation_json
from orientation.situation.lecture import LIMITES, ErreurLecture, Limites, lire_json


def refus(texte, **kw) -> ErreurLecture:
    with pytest.raises(ErreurLecture) as e:
        lire_json(texte, **kw)
    assert isinstance(e.value, ErreurSaisie)  # toute interface qui attrape l'un attrape l'autre
    (message,) = e.value.messages
    assert "Traceback" not in message and "\n" not in message
    return e.value


# --- Point 6 : clés en double ------------------------------------------------------------------


def test_un_age_donne_deux_fois_est_refuse_avec_sa_ligne():
    e = refus('{"age": 200,\n "age": 84}')
    assert e.messages == ["(fichier) : clé « age » en double dans le même objet (une seule "
                          "valeur est permise), ligne 2, colonne 2"]
    assert (e.ligne, e.colonne) == (2, 2)


def test_une_section_donnee_deux_fois_ne_perd_pas_l_aidant():
    e = refus('{"age": 80,\n "social": {"aidant": "epuise"},\n "social": {}}')
    assert "clé « social » en double" in e.messages[0]
    assert e.ligne == 3


def test_le_double_est_cherche_dans_le_bon_objet():
    # « aidant » figure deux fois, mais dans deux objets différents : seul le second
    # « social » est en double, et c'est lui que le message situe.
    texte = '{"a": {"aidant": 1},\n "social": {"aidant": 1,\n   "aidant": 2}}'
    e = refus(texte)
    assert "clé « aidant » en double" in e.messages[0]
    assert (e.ligne, e.colonne) == (3, 4)


def test_un_double_dans_une_liste_d_objets_est_situe():
    e = refus('[{"x": 1}, {"y": 1, "y": 2}]')
    assert (e.ligne, e.colonne) == (1, 21)


def test_des_cles_egales_une_fois_decodees_sont_des_doubles():
    e = refus('{"age": 1, "\\u0061ge": 2}')
    assert "clé « age » en double" in e.messages[0]


# --- Point 7 : imbrication, nombres, fins de ligne -------------------------------------------


@pytest.mark.parametrize("profondeur", [1_000, 100_000])
def test_une_imbrication_profonde_est_refusee_sans_recursion(profondeur):
    e = refus("[" * profondeur + "]" * profondeur)
    assert e.messages[0].startswith("(fichier) : JSON trop imbriqué (plus de "
                                    f"{LIMITES.profondeur} niveaux)")
    assert (e.ligne, e.colonne) == (1, LIMITES.profondeur + 1)


def test_les_crochets_dans_un_texte_ne_comptent_pas():
    assert lire_json('{"x": "' + "[{" * 5_000 + '"}') == {"x": "[{" * 5_000}


def test_une_imbrication_raisonnable_passe():
    n = LIMITES.profondeur
    assert lire_json("[" * n + "]" * n) is not None


@pytest.mark.parametrize("nombre", ["9" * 5_000, "-" + "9" * 5_000, "1" + "0" * 40])
def test_un_entier_geant_est_refuse(nombre):
    e = refus('{"age":\n ' + nombre + "}")
    assert e.messages[0].startswith("(fichier) : nombre trop long (")
    assert (e.ligne, e.colonne) == (2, 2)


@pytest.mark.parametrize("nombre", ["1" * 400 + ".5", "1e99999", "-1e400"])
def test_un_decimal_geant_ou_infini_est_refuse(nombre):
    e = refus('{"x": ' + nombre + "}")
    assert "nombre" in e.messages[0]
    assert e.colonne == 7


@pytest.mark.parametrize("constante", ["NaN", "Infinity", "-Infinity"])
def test_les_constantes_non_json_sont_refusees(constante):
    e = refus('{"x": [1, ' + constante + "]}")
    assert f"« {constante} » n'est pas un nombre JSON" in e.messages[0]


def test_des_fins_de_ligne_cr_seules_sont_lues_et_les_lignes_comptees():
    assert lire_json('{"age": 80,\r"social":\r{}}') == {"age": 80, "social": {}}
    e = refus('{"age": 80,\r\r "social": }')
    assert "ligne 3" in e.messages[0]
    e = refus('{"age": 80,\r\n\r\n "social": }')
    assert "ligne 3" in e.messages[0]


# --- Caractères, encodage, taille ----------------------------------------------------------


@pytest.mark.parametrize(
    ("echappement", "code"),
    [("\\u0000", "U+0000"), ("\\u001b[2J", "U+001B"), ("\\n", "U+000A"), ("\\u009b", "U+009B"),
     ("\\u202e", "U+202E")],
)
def test_un_caractere_de_controle_echappe_est_refuse_avec_son_chemin(echappement, code):
    e = refus('{"age": 80, "social": {"aidant": "epuise' + echappement + '"}}')
    assert e.messages[0] == f"social.aidant : caractère de contrôle interdit ({code})"
    assert e.chemin == "social.aidant"


def test_un_caractere_de_controle_dans_une_cle_est_refuse():
    e = refus('{"age": 80, "soc\\u0000ial": {}}')
    assert "caractère de contrôle interdit (U+0000)" in e.messages[0]


def test_un_caractere_de_controle_dans_une_liste_est_situe():
    e = refus('{"sante": {"maladies_chroniques": ["diabete", "bpco\\u0007"]}}')
    assert e.messages[0].startswith("sante.maladies_chroniques[1] : caractère de contrôle")


def test_un_nul_brut_est_refuse():
    e = refus('{"age": 8\x004}')
    assert "JSON invalide" in e.messages[0]


def test_une_moitie_de_paire_de_substitution_est_refusee():
    e = refus('{"x": "\\ud800"}')
    assert "caractère invalide (U+D800)" in e.messages[0]


def test_un_bom_utf8_est_accepte():
    assert lire_json(b"\xef\xbb\xbf" + b'{"age": 80}') == {"age": 80}
    assert lire_json('\ufeff{"age": 80}') == {"age": 80}


def test_un_texte_non_utf8_est_refuse():
    e = refus('{"x": "é"}'.encode("latin-1"))
    assert "n'est pas en UTF-8" in e.messages[0]


def test_la_taille_est_bornee_avant_tout_decodage():
    e = refus(b" " * 100 + b"{}", limites=Limites(taille=100))
    assert e.messages[0] == "(fichier) : trop volumineux (102 octets ; 100 au plus)"


def test_le_lieu_se_choisit():
    e = refus('{"a": 1, "a": 2}', source="(ligne)")
    assert e.messages[0].startswith("(ligne) : clé « a » en double")
    assert e.motif.startswith("clé « a » en double")


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [("", "document vide"), ("pas du JSON", "valeur attendue"), ('{"age" 80}', "« : » attendu"),
     ('{"age": 80', "« , » attendu"), ('{"age": "80}', "texte non terminé"),
     ('{"age": 80} x', "données en trop après la fin du JSON"),
     ('{age: 80}', "nom de clé entre guillemets doubles attendu"),
     ('{"x": "\\q"}', "échappement invalide")],
)
def test_les_erreurs_de_syntaxe_sont_en_francais(texte, attendu):
    e = refus(texte)
    assert e.messages[0].startswith("(fichier) : JSON invalide")
    assert attendu in e.messages[0]


# --- Ce qui passe ----------------------------------------------------------------------------


def test_un_json_ordinaire_donne_les_memes_valeurs_que_json_loads():
    texte = json.dumps({"age": 84, "x": [1, 2.5, -3e2, True, None, "é"], "y": {"z": {}}})
    assert lire_json(texte) == json.loads(texte)


def test_la_situation_passe_par_la_lecture_sure():
    with pytest.raises(ErreurSaisie) as e:
        lire_situation_json('{"age": 200, "age": 84}')
    assert "clé « age » en double" in e.value.messages[0]
    assert lire_situation_json('{"age": 84}').age == 84


# --- Les autres entrées JSON d'une situation ou de ses compagnons -------------------------------


def _lien(texte: str) -> str:
    import base64
    import zlib

    return base64.urlsafe_b64encode(zlib.compress(texte.encode(), 9)).decode().rstrip("=")


def test_un_lien_de_partage_ne_garde_pas_l_une_de_deux_valeurs():
    from orientation.interfaces.partage import situation_du_lien

    with pytest.raises(ErreurSaisie) as e:
        situation_du_lien(_lien('{"age": 200, "age": 84}'))
    assert e.value.messages[0].startswith("(lien) : lien abîmé")
    assert "clé « age » en double" in e.value.messages[0]
    assert situation_du_lien(_lien('{"age": 84}')).age == 84


def test_un_lien_de_partage_imbrique_ou_geant_est_refuse_en_francais():
    from orientation.interfaces.partage import decoder

    for texte in ("[" * 5_000 + "]" * 5_000, '{"age": ' + "9" * 3_000 + "}"):
        with pytest.raises(ErreurSaisie, match=r"^\(lien\) : lien abîmé"):
            decoder(_lien(texte))


def test_un_fichier_d_essai_de_regles_a_cle_en_double_est_refuse():
    from orientation.interfaces.partage import essai_du_fichier

    texte = ('{"format": "orientation/partage", "version": 1, "parametres": '
             '{"paerpa.age_minimal": 70, "paerpa.age_minimal": 80}}')
    with pytest.raises(ErreurSaisie) as e:
        essai_du_fichier(texte.encode(), {"paerpa.age_minimal": 75})
    assert "clé « paerpa.age_minimal » en double" in e.value.messages[0]


def test_une_demande_d_appui_a_cle_en_double_est_refusee():
    from orientation.resultat.demande import lire_demande_json

    with pytest.raises(ErreurSaisie) as e:
        lire_demande_json('{"a": 1,\n "a": 2}')
    assert e.value.messages[0].startswith("(demande) : clé « a » en double")
    assert "ligne 2" in e.value.messages[0]
