"""``orientation rules check`` devant un référentiel hostile ou maladroit (issue 10, points 5
et 8) : un seuil non fini, des ancres YAML qui explosent (« billion laughs »), une clé qui
n'en est pas une, dix mille crochets imbriqués… Chaque fois une erreur française qui nomme
le fichier et la ligne, code 1, et jamais de trace Python (les durées se mesurent dans
benchmarks/fiabilite.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orientation.interfaces.cli import main
from orientation.referentiel import ErreurReferentiel, charger_referentiel

REGLE = """
  - id: R-SANTE-ESSAI
    titre: Essai
    description: Une règle d'essai.
    references: [{{titre: Essai, lien: "https://exemple.fr/essai"}}]
{note}    si:
      {si}
    alors: {{niveau: coordonne}}
"""


def ajouter_regle(dossier: Path, si: str, note: str = "") -> int:
    """Ajoute une règle à la fin de sante.yaml ; renvoie la ligne de son « si »."""
    chemin = dossier / "sante.yaml"
    texte = chemin.read_text(encoding="utf-8").rstrip("\n") + "\n"
    ajout = REGLE.format(si=si, note=note)
    chemin.write_text(texte + ajout, encoding="utf-8")
    return (texte + ajout).count("\n", 0, (texte + ajout).index("    si:\n      " + si)) + 2


def rules_check(dossier: Path, capsys) -> tuple[int, str]:
    code = main(["rules", "check", "--regles", str(dossier)])
    sortie = capsys.readouterr()
    assert "Traceback" not in sortie.err
    return code, sortie.err


def remplacer(chemin: Path, avant: str, apres: str) -> None:
    texte = chemin.read_text(encoding="utf-8")
    assert avant in texte
    chemin.write_text(texte.replace(avant, apres, 1), encoding="utf-8")


# --- Point 5 : des seuils non finis ----------------------------------------------------------


@pytest.mark.parametrize("valeur", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1.0e+400"])
def test_un_parametre_non_fini_est_refuse_avec_fichier_et_ligne(regles_copiees, capsys, valeur):
    chemin = regles_copiees / "parametres.yaml"
    texte = chemin.read_text(encoding="utf-8")
    ligne = texte[:texte.index("  valeur: 75")].count("\n") + 1
    remplacer(chemin, "  valeur: 75", f"  valeur: {valeur}")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert f"parametres.yaml, ligne {ligne} : nombre non fini" in err


def test_un_seuil_non_fini_dans_une_regle_est_refuse(regles_copiees, capsys):
    ligne = ajouter_regle(regles_copiees, "sante.nb_medicaments: {au_moins: .nan}")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert f"sante.yaml, ligne {ligne} : nombre non fini" in err


# --- Point 8 : bombes et structures impossibles -------------------------------------------------

RIRES = "".join(
    f"      - &{n} [" + ", ".join([f"*{p}"] * 9 if p else ['"lol"'] * 9) + "]\n"
    for p, n in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)


def test_des_ancres_qui_explosent_sont_refusees_vite(regles_copiees, capsys):
    ajouter_regle(regles_copiees, "sante.nb_medicaments: {parmi: *i}",
                  note="    note:\n" + RIRES)
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "sante.yaml, ligne" in err
    assert "alias YAML trop développés" in err


def test_quelques_alias_raisonnables_passent(regles_copiees):
    ajouter_regle(regles_copiees, "sante.nb_medicaments: {parmi: *seuils}",
                  note="    note: &seuils [10, 11, 12]\n")
    regle = charger_referentiel(regles_copiees).regle("R-SANTE-ESSAI")
    assert regle.si.valeur == (10, 11, 12)


def test_un_alias_recursif_est_refuse(regles_copiees, capsys):
    ajouter_regle(regles_copiees, "sante.nb_medicaments: {parmi: *boucle}",
                  note="    note: &boucle [1, *boucle]\n")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "alias YAML récursif" in err


@pytest.mark.parametrize("cle", ["? [a, b]\n      : 1", "{[1]: x}", "{{a: 1}: x}"])
def test_une_cle_qui_n_est_pas_un_texte_est_refusee(regles_copiees, capsys, cle):
    ligne = ajouter_regle(regles_copiees, cle)
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert f"sante.yaml, ligne {ligne}" in err
    assert "une clé ne peut pas être une liste ni un dictionnaire" in err


@pytest.mark.parametrize("n", [60, 10_000])
def test_dix_mille_crochets_imbriques_sont_refuses(regles_copiees, capsys, n):
    ajouter_regle(regles_copiees, "sante.nb_medicaments: {parmi: " + "[" * n + "]" * n + "}")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "sante.yaml, ligne" in err
    assert "imbrication trop profonde" in err


def test_un_entier_de_5000_chiffres_est_refuse(regles_copiees, capsys):
    remplacer(regles_copiees / "parametres.yaml", "  valeur: 75", "  valeur: " + "7" * 5_000)
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "parametres.yaml, ligne" in err
    assert "nombre trop long" in err


@pytest.mark.parametrize(
    ("avant", "apres", "attendu"),
    [("depuis: 2014-03-01", "depuis: 2014-02-30", "date impossible"),
     ("  valeur: 75", "  valeur: !!python/object/apply:os.system [echo]",
      "étiquette YAML « tag:yaml.org,2002:python/object/apply:os.system » non permise"),
     ("  valeur: 75", "  valeur: !!binary aGVsbG8=", "étiquette YAML « tag:yaml.org,2002:binary »"),
     ("  unite: ans", '  unite: "a\\e[2Jns"', "caractère de contrôle interdit (U+001B)"),
     ("  valeur: 75", "  valeur: *inconnu", "alias « inconnu » sans ancre"),
     ("  valeur: 75", "  valeur: [75", "liste non fermée"),
     ("  valeur: 75", "  valeur: 75\n\tunite: ans", "tabulation")],
)
def test_les_erreurs_de_yaml_sont_en_francais(regles_copiees, capsys, avant, apres, attendu):
    remplacer(regles_copiees / "parametres.yaml", avant, apres)
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "parametres.yaml, ligne" in err
    assert attendu in err


def ligne_de(chemin: Path, texte: str) -> int:
    contenu = chemin.read_text(encoding="utf-8")
    return contenu[:contenu.index(texte)].count("\n") + 1


def test_un_caractere_de_controle_est_refuse_avec_sa_ligne(regles_copiees, capsys):
    ligne = ligne_de(regles_copiees / "parametres.yaml", "  unite: ans")
    remplacer(regles_copiees / "parametres.yaml", "  unite: ans", "  unite: a\x00ns")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert f"parametres.yaml, ligne {ligne} : caractère interdit (U+0000)" in err


def test_un_fichier_demesure_est_refuse_sans_etre_lu(regles_copiees, capsys):
    with (regles_copiees / "sante.yaml").open("a", encoding="utf-8") as f:
        f.write("#" * 5_000_000 + "\n")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "sante.yaml : fichier trop volumineux" in err


def test_des_fins_de_ligne_cr_seules_sont_lues_et_les_lignes_justes(regles_copiees, capsys):
    ligne = ligne_de(regles_copiees / "parametres.yaml", "  valeur: 75")
    for chemin in regles_copiees.glob("*.yaml"):
        chemin.write_bytes(chemin.read_bytes().replace(b"\n", b"\r"))
    assert charger_referentiel(regles_copiees).regles
    remplacer(regles_copiees / "parametres.yaml", "  valeur: 75", "  valeur: .nan")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert f"parametres.yaml, ligne {ligne} : nombre non fini" in err


# --- Point 9 pour le référentiel : messages bornés et échappés ------------------------------


def test_une_valeur_citee_est_coupee_et_echappee(regles_copiees, capsys):
    remplacer(regles_copiees / "social.yaml", "social.aidant: epuise",
              'social.aidant: "x\\n  - OK\\t' + "y" * 10_000 + '"')
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "\n  - OK" not in err and "\t" not in err
    assert "valeur inconnue « x\\n  - OK\\tyyy" in err
    assert max(len(ligne) for ligne in err.splitlines()) < 400


def test_mille_erreurs_sont_comptees(regles_copiees, capsys):
    remplacer(regles_copiees / "sante.yaml", "regles:\n",
              "".join(f"inconnue{i}: 1\n" for i in range(1_000)) + "regles:\n")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert len(err.splitlines()) < 60
    assert "… et 950 autres erreurs" in err


def test_une_erreur_de_referentiel_reste_une_erreur_de_referentiel(regles_copiees):
    ajouter_regle(regles_copiees, "sante.nb_medicaments: {parmi: [[1], {a: 2}, .nan]}")
    with pytest.raises(ErreurReferentiel):
        charger_referentiel(regles_copiees)


# --- Un catalogue mal formé est refusé au chargement, pas au premier repérage -------------------


@pytest.mark.parametrize(
    ("avant", "apres", "attendu"),
    [("    message: \"Sortie d'hospitalisation", "    message-: \"Sortie d'hospitalisation",
      "« message » est obligatoire"),
     ("    gravite: attention\n  sans_couverture", "    gravite: grave\n  sans_couverture",
      "gravité inconnue « grave »"),
     ("    libelle: Gestion de cas\n", "    titre: Gestion de cas\n", "« libelle » est obligatoire"),
     ("  sanitaire: Sanitaire", "  sanitaire: [Sanitaire]", "« secteurs.sanitaire » doit être un libellé"),
     ("secteurs:\n", "secteurs: []\nsecteurs_:\n", "« secteurs » doit être un dictionnaire"),
     ("themes:\n", "themes: sante.yaml\nthemes_:\n", "« themes » doit être la liste"),
     ("  hopital:\n", "  Hôpital:\n", "identifiant invalide « Hôpital » dans « clusters »")],
)
def test_un_catalogue_mal_forme_est_refuse_au_chargement(regles_copiees, capsys, avant, apres,
                                                         attendu):
    remplacer(regles_copiees / "catalogue.yaml", avant, apres)
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "catalogue.yaml" in err
    assert attendu in err


@pytest.mark.parametrize("nom", ["mini_zarit.borne_fardeau_leger_a_modere", "epices.seuil_precarite"])
def test_un_parametre_des_instruments_manquant_est_refuse_au_chargement(regles_copiees, capsys,
                                                                         nom):
    """Les scores des instruments (calculés en Python) lisent ces seuils : les renommer ou
    les retirer échouait au premier repérage (KeyError), trouvé par la campagne de fuzz."""
    remplacer(regles_copiees / "parametres.yaml", f"\n{nom}:", f"\n{nom}_renomme:")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert f"parametres.yaml : le paramètre « {nom} » est obligatoire" in err


def test_une_adresse_impossible_dans_une_reference_est_refusee(regles_copiees, capsys):
    """urlsplit lève ValueError sur « https://[… » : la validation ne doit pas planter."""
    remplacer(regles_copiees / "sante.yaml",
              "lien: https://www.has-sante.fr/jcms/c_1638463/fr/plan-personnalise-de-sante-pps-paerpa",
              "lien: \"https://[x/document\"")
    code, err = rules_check(regles_copiees, capsys)
    assert code == 1
    assert "sante.yaml, ligne" in err and "https://[x/document" in err
