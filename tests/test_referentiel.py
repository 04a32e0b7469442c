"""Le chargeur du référentiel : il refuse toute faute en nommant le fichier, la ligne et
la règle ; ``orientation rules check`` en fait un contrôle (code non nul)."""

from pathlib import Path

import pytest

from orientation.evaluation.moteur import Moteur
from orientation.interfaces.cli import main
from orientation.referentiel import ErreurReferentiel, charger_referentiel
from tests.conftest import REGLES


def remplacer(fichier: Path, avant: str, apres: str) -> None:
    texte = fichier.read_text(encoding="utf-8")
    assert avant in texte, f"motif absent de {fichier.name} : {avant!r}"
    fichier.write_text(texte.replace(avant, apres, 1), encoding="utf-8")


def erreurs(dossier: Path) -> str:
    with pytest.raises(ErreurReferentiel) as e:
        charger_referentiel(dossier)
    return "\n".join(e.value.erreurs)


def test_le_referentiel_livre_est_valide():
    referentiel = charger_referentiel(REGLES)
    assert len(referentiel.regles) >= 50
    assert all(r.references for r in referentiel.regles)
    Moteur(referentiel)  # et il se compile pour durable_rules


def test_chaque_regle_a_un_titre_une_description_et_une_source():
    for r in charger_referentiel(REGLES).regles:
        assert r.titre and r.description, r.id
        assert all(ref.lien or ref.article for ref in r.references), r.id


def test_chaque_parametre_a_une_valeur_une_date_et_une_source():
    for p in charger_referentiel(REGLES).parametres.values():
        assert p.references and p.depuis and p.unite, p.nom


def test_champ_mal_orthographie(regles_copiees):
    remplacer(regles_copiees / "sante.yaml", "sante.nb_medicaments:", "sante.nb_medicament:")
    message = erreurs(regles_copiees)
    assert "sante.yaml, ligne" in message
    assert "règle R-SANTE-POLYMEDICATION" in message
    assert "champ inconnu « sante.nb_medicament »" in message
    assert "sante.nb_medicaments" in message  # la suggestion


def test_acteur_inconnu(regles_copiees):
    remplacer(regles_copiees / "sante.yaml", "[medecin_traitant, pharmacien]",
              "[medecin_traitant, pharmacie]")
    message = erreurs(regles_copiees)
    assert "règle R-SANTE-POLYMEDICATION" in message
    assert "acteur inconnu « pharmacie » dans le cluster « medecine_de_ville »" in message


def test_identifiant_en_double(regles_copiees):
    remplacer(regles_copiees / "social.yaml", "id: R-SOCIAL-ISOLEMENT", "id: R-SOCIAL-PRECARITE")
    message = erreurs(regles_copiees)
    assert "social.yaml, ligne" in message
    assert "règle R-SOCIAL-PRECARITE : identifiant en double (déjà défini dans social.yaml" in message


@pytest.mark.parametrize(
    ("fichier", "avant", "apres", "attendu"),
    [
        ("sante.yaml", "    titre: \"Polymédication", "    titr: \"Polymédication",
         "clé inconnue « titr »"),
        ("sante.yaml", "{au_moins: $polymedication.nb_medicaments}",
         "{au_moins: $polymedication.nb}", "paramètre inconnu « polymedication.nb »"),
        ("sante.yaml", "{au_moins: $polymedication.nb_medicaments}",
         "{environ: 10}", "opérateur inconnu « environ »"),
        ("social.yaml", "social.aidant: epuise", "social.aidant: fatigue",
         "valeur inconnue « fatigue » pour « social.aidant »"),
        ("social.yaml", "social.isolement: oui", "social.isolement: peut-etre",
         "« social.isolement » est un booléen"),
        ("appuis.yaml", "appuis: [gestion_de_cas]", "appuis: [gestion_des_cas]",
         "identifiant inconnu « gestion_des_cas » dans appuis"),
        ("cas_particuliers.yaml", "alertes: [urgence]", "alertes: [urgences]",
         "identifiant inconnu « urgences » dans alertes"),
        ("complexite.yaml", "      niveau: complexe\n      parcours: [sante]",
         "      niveau: tres_complexe\n      parcours: [sante]", "niveau inconnu « tres_complexe »"),
        ("sante.yaml", "        hopital: [consultation_memoire]",
         "        hospital: [consultation_memoire]", "cluster inconnu « hospital »"),
        ("sante.yaml", "    titre: \"Polymédication (10 médicaments ou plus) : revoir la médication\"",
         "    titre: Polymédication (10 médicaments ou plus) : revoir la médication",
         "un texte qui contient « : » doit être entre guillemets"),
        ("sante.yaml", "sante.nb_medicaments: {au_moins: $polymedication.nb_medicaments}",
         "sante.nb_medicaments: {contient: 10}", "l'opérateur « contient » ne s'applique pas"),
        ("complexite.yaml", "      conclusion.niveau: complexe\n    alors:\n      pps: oui",
         "      aucune:\n        - conclusion.niveau: complexe\n    alors:\n      pps: oui",
         "ne peut figurer qu'au premier niveau"),
    ],
)
def test_fautes_de_redaction_nommees(regles_copiees, fichier, avant, apres, attendu):
    remplacer(regles_copiees / fichier, avant, apres)
    message = erreurs(regles_copiees)
    assert attendu in message
    assert fichier in message


def test_regle_sans_reference(regles_copiees):
    texte = (regles_copiees / "sante.yaml").read_text(encoding="utf-8")
    debut = texte.index("  - id: R-SANTE-OBESITE")
    refs = texte.index("    references:", debut)
    si = texte.index("    si:", debut)
    (regles_copiees / "sante.yaml").write_text(texte[:refs] + texte[si:], encoding="utf-8")
    assert "règle R-SANTE-OBESITE : « references » doit être une liste" in erreurs(regles_copiees)


def test_fichier_de_regles_oublie_dans_le_catalogue(regles_copiees):
    (regles_copiees / "brouillon.yaml").write_text("theme: x\n", encoding="utf-8")
    assert "brouillon.yaml : fichier de règles absent de la liste « themes »" in erreurs(
        regles_copiees)


def test_rules_check_passe_sur_le_referentiel_livre(capsys):
    assert main(["rules", "check", "--regles", str(REGLES)]) == 0
    assert "Référentiel valide" in capsys.readouterr().out


def test_rules_check_echoue_et_nomme_fichier_et_regle(regles_copiees, capsys):
    remplacer(regles_copiees / "sante.yaml", "[medecin_traitant, pharmacien]",
              "[medecin_traitant, pharmacie]")
    assert main(["rules", "check", "--regles", str(regles_copiees)]) == 1
    err = capsys.readouterr().err
    assert "Référentiel invalide" in err
    assert "sante.yaml, ligne" in err and "R-SANTE-POLYMEDICATION" in err


@pytest.mark.parametrize("page", ["https://www.has-sante.fr/", "https://www.has-sante.fr"])
def test_un_lien_vers_la_page_d_accueil_d_un_site_est_refuse(regles_copiees, page):
    remplacer(regles_copiees / "sante.yaml",
              "        lien: https://www.has-sante.fr/jcms/c_2028194/fr/prendre-en-charge-une-"
              "personne-agee-polypathologique-en-soins-primaires", f"        lien: {page}")
    message = erreurs(regles_copiees)
    assert "sante.yaml, ligne" in message and "règle R-SANTE-POLYPATHOLOGIE" in message
    assert f"le lien « {page} » est la page d'accueil d'un site" in message


def test_un_parametre_cite_lui_aussi_un_document_precis(regles_copiees):
    remplacer(regles_copiees / "parametres.yaml",
              "      lien: https://www.has-sante.fr/jcms/c_793371/fr/evaluation-et-prise-en-charge"
              "-des-personnes-agees-faisant-des-chutes-repetees", "      lien: https://www.has-sante.fr/")
    assert "parametres.yaml, ligne" in erreurs(regles_copiees)


def test_aucune_source_livree_ne_se_dit_non_verifiee():
    """Un médecin lit les sources : « non vérifié » ne lui dit rien d'utile. Un choix du
    projet le dit (« choix du projet ») et en donne la raison."""
    for chemin in REGLES.glob("*.yaml"):
        assert "non vérifi" not in chemin.read_text(encoding="utf-8"), chemin.name
