"""Le moteur durable_rules : déterminisme, absence de fuite d'état, sûreté entre fils,
accessibilité de chaque identifiant du contrat, et explications complètes."""

import json
import threading
from pathlib import Path

import pytest

from orientation import Situation, screen
from orientation.evaluation.moteur import ErreurMoteur, Moteur, charger_moteur
from orientation.referentiel import charger_referentiel
from orientation.situation.faits import construire_fait
from tests.conftest import EXEMPLES, REGLES, exemple, situation
from tests.oracles import vraie

SIMPLE = situation({"age": 45, "sante": {"maladies_chroniques": ["hypertension"]}})
COMPLEXE = situation(exemple("03_personne_agee_complexe.json"))


def sortie(resultat) -> str:
    return json.dumps(resultat.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def test_meme_entree_meme_sortie(moteur):
    assert sortie(moteur.screen(COMPLEXE)) == sortie(moteur.screen(COMPLEXE))


def test_pas_de_fuite_d_etat_entre_deux_reperages(moteur):
    seul = sortie(moteur.screen(SIMPLE))
    moteur.screen(COMPLEXE)
    assert sortie(moteur.screen(SIMPLE)) == seul
    assert moteur.screen(SIMPLE).niveau == "simple"


@pytest.mark.lent
def test_cinq_mille_reperages_d_affilee_sans_erreur(moteur):
    # Au-delà de 1024 sessions, durable_rules lève MemoryError si l'état n'est pas effacé.
    attendu = sortie(moteur.screen(COMPLEXE))
    for i in range(5000):
        r = moteur.screen(COMPLEXE if i % 2 else SIMPLE)
        if i == 1000:
            avant = memoire_residente()
    assert sortie(r) == attendu
    assert memoire_residente() - avant < 20_000_000  # l'état des sessions est bien libéré


def memoire_residente() -> int:
    """Mémoire résidente du processus, en octets (Linux)."""
    for ligne in Path("/proc/self/status").read_text().splitlines():
        if ligne.startswith("VmRSS:"):
            return int(ligne.split()[1]) * 1024
    raise RuntimeError("VmRSS introuvable")


@pytest.mark.lent  # essai de charge sur plusieurs fils
def test_plusieurs_fils_en_meme_temps_donnent_les_resultats_sequentiels(moteur):
    cas = [SIMPLE, COMPLEXE] + [situation(exemple(p.name)) for p in sorted(EXEMPLES.glob("*.json"))]
    attendus = [sortie(moteur.screen(s)) for s in cas]
    obtenus: dict[int, list[str]] = {}

    def travailler(n: int) -> None:
        obtenus[n] = [sortie(moteur.screen(s)) for _ in range(10) for s in cas]

    fils = [threading.Thread(target=travailler, args=(n,)) for n in range(4)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    for n in range(4):
        assert obtenus[n] == attendus * 10


def test_deux_moteurs_coexistent_dans_un_processus():
    a, b = charger_moteur(REGLES), charger_moteur(REGLES)
    assert sortie(a.screen(COMPLEXE)) == sortie(b.screen(COMPLEXE))


def test_une_exception_dans_une_action_est_relevee():
    moteur = Moteur(charger_referentiel(REGLES))

    def casse(c):
        raise RuntimeError("action cassée")

    definition = moteur._hote.get_ruleset(moteur._nom)._actions
    premiere = next(iter(definition))
    definition[premiere]._func = casse
    with pytest.raises(ErreurMoteur, match="une règle a échoué"):
        for s in [SIMPLE, COMPLEXE, situation({"age": 10, "contexte": {"urgence": True}})]:
            moteur.screen(s)


def test_chaque_explication_cite_une_regle_vraie_sur_la_situation(moteur):
    r = moteur.screen(COMPLEXE)
    fait = construire_fait(COMPLEXE, moteur.parametres)
    conclus = {"secteurs": set(r.secteurs), "niveau": {r.niveau}, "pps": {True} if r.pps else set(),
               "appuis": {a.id for a in r.appuis}}
    for e in r.explications:
        regle = moteur.referentiel.regle(e.regle)
        assert vraie(regle.si, fait, conclus), e.regle
        assert e.references and e.titre


def test_chaque_proposition_renvoie_a_des_regles_expliquees(moteur):
    r = moteur.screen(COMPLEXE)
    expliquees = {e.regle for e in r.explications}
    for groupe in (r.clusters, r.appuis, r.alertes):
        for item in groupe:
            assert item.regles and set(item.regles) <= expliquees


def test_les_valeurs_expliquees_sont_celles_qui_ont_compte(moteur):
    r = moteur.screen(COMPLEXE)
    poly = next(e for e in r.explications if e.regle == "R-SANTE-POLYPATHOLOGIE")
    # « une_de » : seule la branche vraie (3 maladies) est citée, pas l'insuffisance d'organe.
    assert poly.valeurs == {"sante.nb_maladies_chroniques": 3}


def test_sans_regle_le_parcours_est_simple(moteur):
    r = moteur.screen(situation({"age": 30}))
    assert (r.niveau, r.urgence, r.pps, r.clusters, r.appuis, r.alertes) == (
        "simple", False, False, [], [], [])


def test_listes_ordonnees_comme_le_catalogue(moteur):
    cat = moteur.referentiel.catalogue
    r = moteur.screen(COMPLEXE)
    assert [c.id for c in r.clusters] == [c for c in cat.clusters if c in {x.id for x in r.clusters}]
    for c in r.clusters:
        ordre = list(cat.clusters[c.id].acteurs)
        assert [a.id for a in c.acteurs] == sorted((a.id for a in c.acteurs), key=ordre.index)
    assert [a.id for a in r.appuis] == [a for a in cat.appuis if a in {x.id for x in r.appuis}]


def test_api_publique_du_contrat():
    d = screen(Situation.model_validate({"age": 84, "social": {"isolement": True}})).model_dump(
        mode="json")
    contrat = {"niveau", "urgence", "secteurs", "parcours", "pps", "clusters", "appuis",
               "alertes", "scores", "explications", "referentiel"}
    assert set(d) == contrat | {"a_completer"}  # ajout documenté au contrat
    assert d["scores"] == {}
    assert d["referentiel"]["nb_regles"] >= 50


def test_a_completer_nomme_l_information_manquante_et_les_regles_qu_elle_trancherait(moteur):
    # Le GIR n'est demandé qu'à qui montre une perte d'autonomie (ici : ne fait plus seul
    # deux activités instrumentales).
    sans_gir = moteur.screen(situation({"age": 84, "sante": {"nb_medicaments": 11},
                                        "autonomie": {"iadl_dependantes": 2}}))
    manques = {a.champ: a.regles for a in sans_gir.a_completer}
    assert "R-AUTONOMIE-APA" in manques["scores.gir"]
    assert "R-SANTE-FRAGILITE" in manques["scores.fragilite"]
    avec_gir = moteur.screen(situation({"age": 84, "sante": {"nb_medicaments": 11},
                                        "autonomie": {"gir": 3, "iadl_dependantes": 2}}))
    assert "scores.gir" not in {a.champ for a in avec_gir.a_completer}
    assert "R-AUTONOMIE-APA" in avec_gir.regles_tirees


def test_a_completer_ne_cite_pas_une_regle_deja_tranchee(moteur):
    # Moins de 60 ans : l'APA est exclue par l'âge, le GIR n'y changerait rien.
    r = moteur.screen(situation({"age": 45}))
    regles = {regle for a in r.a_completer for regle in a.regles}
    assert "R-AUTONOMIE-APA" not in regles
    assert all(regle not in r.regles_tirees for regle in regles)
