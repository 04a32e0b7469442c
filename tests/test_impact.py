"""L'essai de règles (``orientation rules diff``) : ce qu'un changement de règles change pour
des patients, avant de le faire."""

import io
import json
import zipfile

import pandas as pd
import pytest

from orientation.interfaces.cli import main
from orientation.referentiel import ErreurReferentiel, charger_referentiel
from orientation.referentiel.impact import essayer
from orientation.referentiel.memoire import (
    avec_parametres,
    changer_parametre,
    depuis_dossier,
    depuis_zip,
    vers_zip,
)
from orientation.tables.synthese import cohorte_complete
from tests.conftest import EXEMPLES, REGLES

N = 600


@pytest.fixture(scope="module")
def cohorte(tmp_path_factory):
    chemin = tmp_path_factory.mktemp("impact") / "pop.csv"
    cohorte_complete(N, graine=7).to_csv(chemin, index=False)
    return chemin


@pytest.fixture(scope="module")
def regles_70(tmp_path_factory):
    """Une copie de rules/ où les critères PAERPA commencent à 70 ans au lieu de 75."""
    cible = tmp_path_factory.mktemp("regles") / "rules"
    cible.mkdir()
    for fichier in REGLES.glob("*.yaml"):
        (cible / fichier.name).write_bytes(fichier.read_bytes())
    texte = (cible / "parametres.yaml").read_text(encoding="utf-8")
    (cible / "parametres.yaml").write_text(changer_parametre(texte, "paerpa.age_minimal", 70),
                                           encoding="utf-8")
    return cible


def diff(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["rules", "diff", *args])
    sorties = capsys.readouterr()
    return code, sorties.out, sorties.err


def test_memes_regles_personne_ne_change(capsys, cohorte):
    code, sortie, _ = diff(capsys, str(REGLES), str(REGLES), "--cohorte", str(cohorte),
                           "--format", "json")
    assert code == 0
    d = json.loads(sortie)
    assert d["changent"] == 0 and d["changent_de_niveau"] == 0
    assert d["sources"]["cohorte"]["patients"] == N
    assert d["sources"]["exemples"]["patients"] >= 15
    assert d["sources"]["scenarios"]["patients"] > 100
    assert d["patients"] == sum(s["patients"] for s in d["sources"].values())
    transitions = d["transitions"]
    assert sum(sum(v.values()) for v in transitions.values()) == d["patients"]
    assert all(n == 0 for de, v in transitions.items() for vers, n in v.items() if de != vers)
    assert d["conclusions"] == {} and d["regles"] == {}
    assert d["referentiel"] == {"parametres": [], "regles_ajoutees": [], "regles_retirees": [],
                                "regles_modifiees": []}


def test_paerpa_a_70_ans_change_seulement_des_personnes_de_70_a_74_ans(capsys, cohorte,
                                                                         regles_70):
    code, sortie, _ = diff(capsys, str(REGLES), str(regles_70), "--cohorte", str(cohorte),
                           "--format", "json")
    assert code == 0
    d = json.loads(sortie)
    assert d["referentiel"]["parametres"] == [{"nom": "paerpa.age_minimal", "avant": 75,
                                               "apres": 70}]
    assert "R-COMPLEXITE-PAERPA-PPS" in d["referentiel"]["regles_modifiees"]
    assert d["changent"] > 0
    # Abaisser un seuil d'âge n'ajoute que des critères : aucun niveau ne baisse.
    ordre = ["simple", "coordonne", "complexe"]
    for de, vers in ((de, vers) for de, v in d["transitions"].items() for vers, n in v.items()
                     if n):
        assert ordre.index(vers) >= ordre.index(de)
    # Le PPS PAERPA est gagné, jamais perdu.
    assert d["conclusions"]["pps"]["pps"]["gagnes"] > 0
    assert d["conclusions"]["pps"]["pps"]["perdus"] == 0
    # Seules des personnes de 70 à 74 ans changent (la règle PAERPA et ses suites).
    ages = pd.read_csv(cohorte, dtype=str, keep_default_na=False)["age"].astype(int).tolist()
    noms = [nom for c in d["changements_de_niveau"] for nom in c["exemples"]]
    noms += [nom for r in d["regles"].values() for nom in r["exemples_gagnee"]]
    # Les exemples cités viennent de la cohorte, des exemples livrés ou des scénarios (trois
    # par changement, dans cet ordre) : l'âge des deux premiers se vérifie.
    verifies = 0
    for nom in noms:
        if nom.startswith("cohorte"):
            age = ages[int(nom.split("ligne ")[1].split()[0]) - 2]
        elif nom.startswith("exemple "):
            age = json.loads((EXEMPLES / f"{nom.split()[1]}.json").read_text("utf-8"))["age"]
        else:
            continue
        assert 70 <= age <= 74, nom
        verifies += 1
    assert verifies
    regle = d["regles"]["R-COMPLEXITE-PAERPA-PPS"]
    assert regle["gagnee"] > 0 and regle["perdue"] == 0
    assert regle["tiree_apres"] - regle["tiree_avant"] == regle["gagnee"]


def test_compte_rendu_en_francais(capsys, regles_70):
    code, sortie, _ = diff(capsys, str(REGLES), str(regles_70), "--sans-scenarios")
    assert code == 0
    assert "paramètre paerpa.age_minimal : 75 → 70" in sortie
    assert "Niveaux (lignes : avant ; colonnes : après)" in sortie
    assert "R-COMPLEXITE-PAERPA-PPS « Critères PAERPA" in sortie


def test_referentiel_invalide(capsys, tmp_path):
    vide = tmp_path / "vide"
    vide.mkdir()
    code, _, erreurs = diff(capsys, str(REGLES), str(vide))
    assert code == 1
    assert "Référentiel « après » invalide" in erreurs and "catalogue.yaml" in erreurs


@pytest.mark.lent  # deux essais de règles complets
def test_parametre_change_en_memoire_comme_sur_disque(regles_70):
    """Un expert qui change un paramètre dans l'application voit ce qu'une copie modifiée
    sur disque donnerait, sans que rien ne soit écrit."""
    avant = charger_referentiel(REGLES)
    en_memoire = charger_referentiel(avec_parametres(depuis_dossier(REGLES),
                                                     {"paerpa.age_minimal": 70}))
    sur_disque = charger_referentiel(regles_70)
    a = essayer(avant, en_memoire).en_dict()
    b = essayer(avant, sur_disque).en_dict()
    for cle in ("patients", "changent", "transitions", "conclusions", "regles"):
        assert a[cle] == b[cle], cle


def test_changer_un_parametre_garde_le_reste_du_fichier():
    texte = (REGLES / "parametres.yaml").read_text(encoding="utf-8")
    nouveau = changer_parametre(texte, "polymedication.nb_medicaments", 8)
    differences = [(a, b) for a, b in zip(texte.splitlines(), nouveau.splitlines(), strict=True)
                   if a != b]
    assert differences == [("  valeur: 10", "  valeur: 8")]
    with pytest.raises(KeyError):
        changer_parametre(texte, "paerpa.age", 70)
    with pytest.raises(ErreurReferentiel, match="paramètre inconnu « inconnu.seuil »"):
        avec_parametres(depuis_dossier(REGLES), {"inconnu.seuil": 3})


def test_dossier_de_regles_recu_en_zip():
    dossier = avec_parametres(depuis_dossier(REGLES), {"paerpa.age_minimal": 70})
    relu = depuis_zip(vers_zip(dossier))
    assert charger_referentiel(relu).parametres["paerpa.age_minimal"].valeur == 70
    with pytest.raises(ErreurReferentiel, match="pas une archive zip"):
        depuis_zip(b"bonjour")


def test_bombe_zip_refusee_sans_etre_decompressee():
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("rules/catalogue.yaml", "version: 1\n")
        z.writestr("rules/sante.yaml", b"#" * 50_000_000)
    assert len(tampon.getvalue()) < 200_000
    with pytest.raises(ErreurReferentiel, match="dépasse"):
        depuis_zip(tampon.getvalue())


def test_regle_invalide_dans_le_zip_nommee_par_fichier_et_ligne():
    dossier = depuis_dossier(REGLES)
    texte = dossier.texte("sante.yaml").replace("alors:", "alor:", 1)
    with pytest.raises(ErreurReferentiel) as e:
        charger_referentiel(depuis_zip(vers_zip(dossier.remplacer("sante.yaml", texte))))
    assert any("sante.yaml, ligne" in m and "alor" in m for m in e.value.erreurs)
