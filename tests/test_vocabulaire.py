"""Le vocabulaire écrit une fois, en données : chaque champ a son libellé dans
``rules/vocabulaire.yaml``, et aucun libellé du catalogue ni du vocabulaire n'est recopié
dans le code Python de ``src/`` ou ``app_pages/``."""

import ast
import shutil
from pathlib import Path

import pytest

from orientation.referentiel import ErreurReferentiel, charger_referentiel, referentiel_par_defaut
from orientation.referentiel.vocabulaire import vocabulaire
from orientation.situation import instruments
from orientation.situation.faits import CHAMPS, QUESTIONNAIRES
from orientation.situation.modele import Situation

RACINE = Path(__file__).resolve().parents[1]
# Le glossaire des étapes Gherkin : ses motifs sont la langue que les experts écrivent dans
# features/ (« elle n'a pas de médecin traitant déclaré »), reconnue par des expressions
# régulières, pas des libellés montrés ; il était dans tests/ avant d'entrer dans le paquet.
GLOSSAIRE_DES_ETAPES = {RACINE / "src/orientation/referentiel/glossaire.py"}


def _chaines_python() -> dict[Path, list[str]]:
    """Les chaînes littérales de chaque fichier Python de src/ et app_pages/ (f-strings
    comprises), sans les docstrings : un exemple dans une documentation n'est pas un texte
    montré aux personnes."""
    chaines = {}
    for dossier in ("src", "app_pages"):
        for chemin in (RACINE / dossier).rglob("*.py"):
            if chemin in GLOSSAIRE_DES_ETAPES:
                continue
            arbre = ast.parse(chemin.read_text())
            docstrings = {id(n.value) for n in ast.walk(arbre) if isinstance(n, ast.Expr)
                          and isinstance(n.value, ast.Constant)}
            chaines[chemin] = [n.value for n in ast.walk(arbre)
                               if isinstance(n, ast.Constant) and isinstance(n.value, str)
                               and id(n) not in docstrings]
    return chaines


def _textes_du_domaine() -> set[str]:
    """Les libellés et descriptions des données : catalogue (niveaux, clusters, acteurs,
    appuis, alertes) et vocabulaire (champs, aides, questions, phrases du résultat). Les
    mots trop courts (« oui », « âge ») ne sont pas des phrases : ils sont ignorés."""
    cat = referentiel_par_defaut().catalogue
    v = vocabulaire()
    textes = set()
    for info in cat.niveaux.values():
        textes |= {info["libelle"], info["description"]}
    for c in cat.clusters.values():
        textes |= {c.libelle, *c.acteurs.values()}
    for info in (*cat.appuis.values(), *cat.alertes.values()):
        textes |= {x for cle, x in info.items() if cle in ("libelle", "description", "message")}
    for info in v.champs.values():
        textes |= {info.libelle, info.aide or ""}
    for q in v.questionnaires.values():
        textes |= {x.question for x in q.questions.values()}
    textes |= set(v.textes.values())
    return {t for t in textes if len(t) >= 12 and " " in t}


def test_aucun_libelle_du_domaine_n_est_ecrit_dans_le_code():
    textes = _textes_du_domaine()
    assert len(textes) > 100  # le test examine vraiment quelque chose
    copies = [f"{chemin.relative_to(RACINE)} : « {t} »"
              for chemin, chaines in _chaines_python().items()
              for t in textes for chaine in chaines if t in chaine]
    assert copies == []


def test_chaque_champ_de_la_situation_a_un_libelle_et_chaque_libelle_un_champ():
    v = vocabulaire()
    assert set(CHAMPS) <= set(v.champs)
    assert set(v.champs) <= set(CHAMPS)
    for chemin in CHAMPS:
        assert v.libelle(chemin) != chemin


def test_les_questions_des_instruments_suivent_le_modele():
    v = vocabulaire()
    assert set(v.questionnaires) == QUESTIONNAIRES
    aggir = v.questionnaires["autonomie.aggir"].questions
    assert set(instruments.AGGIR_VARIABLES) <= set(aggir)
    epices = v.questionnaires["social.epices"].questions
    assert set(epices) == set(instruments.EPICES_COEFFICIENTS)
    gfst = v.questionnaires["autonomie.fragilite"].questions
    assert set(gfst) == set(Situation.model_fields["autonomie"].annotation.model_fields[
        "fragilite"].annotation.__args__[0].model_fields)
    assert len(v.questionnaires["social.mini_zarit"].questions) == 7


@pytest.fixture
def regles_copiees(tmp_path):
    shutil.copytree(RACINE / "rules", tmp_path / "rules")
    return tmp_path / "rules"


def test_rules_check_refuse_un_champ_sans_libelle_ou_un_libelle_sans_champ(regles_copiees):
    fichier = regles_copiees / "vocabulaire.yaml"
    texte = fichier.read_text()
    texte = texte.replace("  social.vit_seul:\n", "  social.vit_seule:\n")
    fichier.write_text(texte)
    with pytest.raises(ErreurReferentiel) as e:
        charger_referentiel(regles_copiees)
    messages = "\n".join(e.value.erreurs)
    assert "le champ « social.vit_seul » n'a pas de libellé" in messages
    assert "« social.vit_seule » n'est pas un champ de la situation" in messages
    assert "vocabulaire.yaml, ligne " in messages
