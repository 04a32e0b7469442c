"""Une cohorte synthétique plausible, déterministe pour une graine (``orientation synth``).

Elle sert aux tests, au banc d'essai, aux exemples de l'application et à la formation des
coordinateurs. Ce sont des **choix de génération de données**, pas des règles de repérage :
aucun seuil du référentiel n'est ici, et les personnes n'existent pas.

Distributions (détail et sources dans ``docs/cohorte_synthetique.md``) :
- **âge** : pyramide des âges de la France au 1er janvier 2024 par tranches de 5 ans (INSEE,
  bilan démographique 2023, arrondie), uniforme dans la tranche, 95 ans et plus jusqu'à 105 ;
- **fragilité latente** : un facteur individuel (loi gamma de moyenne 1) qui corrèle
  maladies, dépendance, chutes et hospitalisations (choix du projet) ;
- **maladies chroniques par âge** : ordres de grandeur de la cartographie des pathologies de
  l'Assurance maladie (Cnam, 2022), multipliés par la fragilité (choix du projet) ;
- **GIR par âge** : une grille AGGIR tirée selon un niveau de dépendance qui croît avec l'âge
  et la fragilité, réglée pour approcher la part de personnes en GIR 1 à 4 (DREES, enquêtes
  CARE et bénéficiaires de l'APA : environ 2 % des 60-74 ans, 8 % des 75-84 ans, 30 % des
  85 ans et plus) ; le GIR est donné tel quel (« saisi ») ou par sa grille, jamais les deux
  en désaccord ;
- **facteurs sociaux** : vivre seul (INSEE : environ 15 % des adultes, 40 % après 80 ans),
  couverture (DREES : environ 4 % sans complémentaire, moins de 1 % sans couverture),
  précarité latente qui corrèle EPICES, difficultés financières, logement (choix du projet).

Chaque colonne est remplie comme le ferait un logiciel métier (booléens ``oui``/``non``),
les questionnaires (AGGIR, GFST, mini-Zarit, EPICES) pour une partie des personnes seulement.
La génération se fait par blocs de ``TAILLE_BLOC`` personnes, chacun avec sa propre graine
dérivée de la graine donnée : le résultat ne dépend que de ``n`` et de la graine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from orientation.situation.instruments import (
    AGGIR_VARIABLES,
    EPICES_COEFFICIENTS,
    GFST_QUESTIONS,
    gir_depuis_aggir,
)
from orientation.tables.colonnes import COLONNES
from orientation.tables.population import bloc_population
from orientation.tables.tirage import choix, depart, joindre, oui_non

TAILLE_BLOC = 50_000

# Pyramide des âges, France entière au 1er janvier 2024 (INSEE), en % par tranche de 5 ans.
PYRAMIDE = (
    (0, 5.2), (5, 5.8), (10, 6.2), (15, 6.2), (20, 5.7), (25, 5.6), (30, 6.0), (35, 6.3),
    (40, 6.4), (45, 6.2), (50, 6.7), (55, 6.5), (60, 6.3), (65, 5.8), (70, 5.4), (75, 4.2),
    (80, 2.9), (85, 2.0), (90, 1.0), (95, 0.35),
)

# Prévalence (probabilité) de chaque maladie chronique par tranche d'âge
# (< 40, 40-64, 65-74, 75 et plus) : ordres de grandeur Cnam 2022, choix du projet.
MALADIES = {
    "diabete": (0.005, 0.06, 0.14, 0.18),
    "insuffisance_cardiaque": (0.0005, 0.005, 0.03, 0.10),
    "bpco": (0.002, 0.03, 0.06, 0.08),
    "insuffisance_renale": (0.001, 0.006, 0.02, 0.05),
    "cancer": (0.004, 0.03, 0.07, 0.09),
    "avc": (0.001, 0.008, 0.02, 0.05),
    "maladie_neurodegenerative": (0.0005, 0.003, 0.015, 0.08),
    "maladie_psychiatrique": (0.02, 0.03, 0.025, 0.02),
    "hypertension": (0.01, 0.15, 0.35, 0.50),
    "obesite": (0.03, 0.10, 0.11, 0.08),
    "vih": (0.002, 0.004, 0.002, 0.001),
    "maladie_rare": (0.01, 0.01, 0.01, 0.01),
    "autre": (0.03, 0.06, 0.08, 0.10),
}
HANDICAPS = ("moteur", "sensoriel", "psychique", "mental", "cognitif", "polyhandicap",
             "maladie_invalidante")


def _tranche(age: np.ndarray) -> np.ndarray:
    return np.select([age < 40, age < 65, age < 75], [0, 1, 2], 3)


def bloc(n: int, graine: int, numero: int, debut_id: int = 1) -> pd.DataFrame:
    """``n`` personnes synthétiques (toutes les colonnes de ``COLONNES``, en texte)."""
    rng = np.random.default_rng(np.random.SeedSequence([graine, numero]))
    c, age = depart(rng, n, PYRAMIDE, debut_id)
    adulte, enfant = age >= 18, age <= 15
    vieux, tres_vieux = age >= 65, age >= 75

    fragilite = rng.gamma(2.0, 0.5, n) * np.where(age >= 85, 1.6, np.where(vieux, 1.2, 1.0))
    precarite = rng.gamma(1.0, 1.0, n)  # latente, moyenne 1

    # Santé.
    t = _tranche(age)
    maladies = {nom: rng.random(n) < np.minimum(0.95, np.array(p)[t] * fragilite)
                for nom, p in MALADIES.items()}
    nb_maladies = sum(m.astype(int) for m in maladies.values())
    c["sante.maladies_chroniques"] = joindre(maladies, n)
    organe = maladies["insuffisance_cardiaque"] | maladies["bpco"] | maladies["insuffisance_renale"]
    c["sante.insuffisance_organe_severe"] = oui_non(organe & (rng.random(n) < 0.2 * fragilite))
    instable = (nb_maladies > 0) & (rng.random(n) < 0.06 * fragilite)
    c["sante.pathologie_instable"] = oui_non(instable)
    medicaments = np.minimum(60, rng.poisson(0.3 + 2.2 * nb_maladies * np.sqrt(fragilite)))
    c["sante.nb_medicaments"] = medicaments.astype(str).astype(object)
    hospit = np.minimum(50, rng.poisson(0.01 + 0.08 * nb_maladies * fragilite))
    c["sante.hospitalisations_non_programmees_6_mois"] = hospit.astype(str).astype(object)
    chutes = np.minimum(100, rng.poisson(np.where(vieux, 0.12, 0.01) * fragilite ** 1.5))
    c["sante.chutes_6_mois"] = chutes.astype(str).astype(object)
    c["sante.chute_grave"] = oui_non((chutes > 0) & (rng.random(n) < 0.3))
    neuro = maladies["maladie_neurodegenerative"]
    cognitifs = np.where(neuro, rng.random(n) < 0.85,
                         rng.random(n) < np.where(tres_vieux, 0.05, 0.003) * fragilite)
    c["sante.troubles_cognitifs"] = oui_non(cognitifs)
    psy = maladies["maladie_psychiatrique"]
    psychiques = np.where(psy, rng.random(n) < 0.7,
                          rng.random(n) < np.where(adulte, 0.05, 0.02))
    c["sante.troubles_psychiques"] = oui_non(psychiques)
    c["sante.addiction"] = oui_non(adulte & (age < 75) & (rng.random(n) < 0.03 * precarite))
    douleur = rng.random(n) < np.where(adulte, 0.03 + age / 800, 0.01)
    c["sante.douleur_chronique"] = oui_non(douleur)
    c["sante.denutrition"] = oui_non(rng.random(n) < np.where(tres_vieux, 0.04, 0.003) * fragilite)
    palliatifs = rng.random(n) < np.where(maladies["cancer"], 0.08, 0.002 * vieux)
    c["sante.soins_palliatifs"] = oui_non(palliatifs)
    c["sante.refus_de_soins"] = oui_non(rng.random(n) < 0.01 * fragilite)

    # Autonomie : niveau de dépendance latent, grille AGGIR pour les personnes évaluées.
    dependance = np.clip((age - 55) / 45, 0, 1) ** 1.5 * fragilite * 0.55 + 0.04 * cognitifs
    dependance = np.clip(dependance + 0.15 * organe * vieux, 0, 1)
    evaluee = (age >= 60) & (rng.random(n) < 0.1 + 0.9 * dependance)
    evaluee |= (age >= 20) & (rng.random(n) < 0.005)
    codes = np.where(rng.random((n, len(AGGIR_VARIABLES))) < dependance[:, None] ** 1.3 * 0.8,
                     "C", np.where(rng.random((n, len(AGGIR_VARIABLES)))
                                   < dependance[:, None] * 1.3, "B", "A"))
    codes[cognitifs, :2] = np.where(rng.random((int(cognitifs.sum()), 2)) < 0.6, "B", "C")
    gir = np.zeros(n, dtype=int)
    par_grille = rng.random(n) < 0.4
    for i in np.flatnonzero(evaluee):
        grille = dict(zip(AGGIR_VARIABLES, codes[i], strict=True))
        gir[i] = gir_depuis_aggir(grille)
        if par_grille[i]:
            for var, code in grille.items():
                c[f"autonomie.aggir.{var}"][i] = code
        if not par_grille[i] or rng.random() < 0.1:  # parfois les deux, concordants
            c["autonomie.gir"][i] = str(gir[i])
    dependant = evaluee & (gir <= 4)
    adl = np.minimum(6, rng.binomial(6, np.clip(dependance * 0.8, 0, 1)))
    iadl = np.minimum(8, rng.binomial(8, np.clip(dependance * 1.2, 0, 1)))
    c["autonomie.adl_dependantes"] = adl.astype(str).astype(object)
    c["autonomie.iadl_dependantes"] = iadl.astype(str).astype(object)
    decision = np.where(cognitifs, rng.random(n) < 0.5, rng.random(n) < 0.005 * adulte)
    c["autonomie.autonomie_decisionnelle_alteree"] = oui_non(decision)
    besoin = dependant | (adl > 0) | (iadl > 0)
    p_aides = np.where(besoin[:, None], [0.55, 0.33, 0.12], [0.98, 0.015, 0.005])
    c["autonomie.aides"] = choix(rng, ("adaptees", "insuffisantes", "aucune"), p_aides)
    gfst = vieux & (adl <= 1) & (rng.random(n) < 0.25)
    for q in GFST_QUESTIONS:
        c[f"autonomie.fragilite.{q}"][gfst] = choix(
            rng, ("oui", "non", "ne_sait_pas"),
            np.column_stack([np.clip(0.15 * fragilite, 0, 0.9), np.full(n, 0.82),
                             np.full(n, 0.03)]))[gfst]
    jugement = gfst & (rng.random(n) < 0.6)
    c["autonomie.fragilite.jugement_fragile"][jugement] = oui_non(
        rng.random(n) < np.clip(0.3 * fragilite, 0, 0.9))[jugement]

    # Handicap.
    p_handicap = np.where(enfant, 0.03, np.where(age < 60, 0.06, 0.08))
    handicape = rng.random(n) < p_handicap
    types = {h: handicape & (rng.random(n) < p) for h, p in zip(
        HANDICAPS, (0.35, 0.25, 0.2, 0.15, 0.1, 0.04, 0.15), strict=True)}
    aucun_type = handicape & ~np.any(np.column_stack(list(types.values())), axis=1)
    types["moteur"] = types["moteur"] | aucun_type
    c["handicap.types"] = joindre(types, n)
    c["handicap.reconnaissance_mdph"] = oui_non(handicape & (rng.random(n) < 0.6))
    c["handicap.handicap_rare"] = oui_non(handicape & (rng.random(n) < 0.03))
    c["handicap.sans_solution"] = oui_non(handicape & (rng.random(n) < 0.05))

    # Social.
    vit_seul = adulte & (rng.random(n) < np.select([age >= 80, age >= 60], [0.4, 0.25], 0.15))
    c["social.vit_seul"] = oui_non(vit_seul)
    c["social.isolement"] = oui_non(rng.random(n) < 0.03 + 0.1 * vit_seul * fragilite)
    p_aidant = np.where((dependant | (adl > 0))[:, None], [0.65, 0.15, 0.2], [0.92, 0.07, 0.01])
    aidant = choix(rng, ("present", "aucun", "epuise"), p_aidant)
    c["social.aidant"] = aidant
    zarit = (aidant != "aucun") & (dependant | (adl > 0)) & (rng.random(n) < 0.3)
    charge = np.clip(0.2 + 0.3 * (aidant == "epuise") + 0.2 * dependance, 0, 0.9)
    reponses = choix(rng, ("jamais", "parfois", "souvent"),
                      np.column_stack([1 - charge, charge * 0.6, charge * 0.4]))
    for _ in range(6):
        reponses = reponses + ";" + choix(
            rng, ("jamais", "parfois", "souvent"),
            np.column_stack([1 - charge, charge * 0.6, charge * 0.4]))
    c["social.mini_zarit"][zarit] = reponses[zarit]
    p_logement = np.column_stack([np.full(n, 0.9), 0.04 + 0.06 * vieux, 0.01 * precarite,
                                  0.004 * precarite ** 2])
    logement = choix(rng, ("adapte", "inadapte", "insalubre", "sans_domicile"), p_logement)
    c["social.logement"] = logement
    p_couverture = np.column_stack([np.full(n, 0.95), 0.03 * precarite,
                                    0.003 * precarite + 0.2 * (logement == "sans_domicile")])
    c["social.couverture"] = choix(rng, ("complete", "sans_complementaire", "aucune"),
                                    p_couverture)
    epices = rng.random(n) < 0.15
    p_oui = {"travailleur_social": 0.1, "complementaire": 0.9, "couple": 0.6,
             "proprietaire": 0.6, "difficultes_financieres": 0.12, "sport": 0.5,
             "spectacle": 0.5, "vacances": 0.6, "contacts_famille": 0.8,
             "hebergement_possible": 0.8, "aide_materielle": 0.8}
    for q in EPICES_COEFFICIENTS:
        defavorable = EPICES_COEFFICIENTS[q] > 0
        p = np.clip(p_oui[q] * (precarite if defavorable else 1 / (0.5 + 0.5 * precarite)),
                    0, 1)
        c[f"social.epices.{q}"][epices] = oui_non(rng.random(n) < p)[epices]
    c["social.difficultes_financieres"] = oui_non(rng.random(n) < np.clip(0.06 * precarite,
                                                                           0, 1))
    c["social.barriere_linguistique"] = oui_non(rng.random(n) < 0.02)
    p_protection = np.where(decision[:, None], [0.4, 0.3, 0.3], [0.994, 0.001, 0.005])
    c["social.protection_juridique"] = choix(rng, ("aucune", "a_evaluer", "en_place"),
                                              p_protection)
    c["social.maltraitance_suspectee"] = oui_non(rng.random(n) < 0.002 + 0.01 * dependant)

    # Contexte de la consultation.
    c["contexte.medecin_traitant"] = oui_non(rng.random(n) > np.where(enfant, 0.4, 0.08))
    c["contexte.urgence"] = oui_non(rng.random(n) < 0.004)
    c["contexte.hors_residence_habituelle"] = oui_non(rng.random(n) < 0.02)
    c["contexte.sortie_hospitalisation"] = oui_non(rng.random(n) < 0.005 + 0.3 * (hospit > 0))
    c["contexte.complexite_ressentie"] = oui_non(rng.random(n) < 0.01 + 0.05 * dependant)
    c["contexte.suivi_appui_en_cours"] = oui_non(rng.random(n) < 0.005 + 0.1 * dependant)

    # Champs ajoutés par l'issue 8, tirés après les autres pour ne pas changer le reste de la
    # cohorte d'une graine donnée ; fréquences gonflées pour que chaque règle tire.
    chutes_12_mois = chutes + rng.poisson(np.where(vieux, 0.12, 0.01) * fragilite ** 1.5)
    c["sante.chutes_12_mois"] = chutes_12_mois.astype(str).astype(object)
    c["sante.troubles_du_comportement"] = oui_non(cognitifs & (rng.random(n) < 0.3))
    c["sante.douleur_rebelle"] = oui_non(douleur & (rng.random(n) < 0.2))
    c["sante.crise_suicidaire"] = oui_non(psychiques & (rng.random(n) < 0.05))
    fecondite = (age >= 15) & (age <= 45)
    c["sante.grossesse"] = oui_non(fecondite & (rng.random(n) < 0.05))
    c["sante.post_partum"] = oui_non(fecondite & (rng.random(n) < 0.04))
    c["sante.ald"] = oui_non((nb_maladies > 0) & (rng.random(n) < 0.6))
    c["sante.trouble_neurodeveloppement"] = oui_non(enfant & (rng.random(n) < 0.05))
    c["sante.autisme"] = oui_non(rng.random(n) < 0.01)
    c["social.violences_conjugales"] = oui_non(adulte & (rng.random(n) < 0.01))
    c["social.est_aidant"] = oui_non(rng.random(n) < 0.05)
    couverture = c["social.couverture"]
    ame = (couverture == "complete") & adulte & (age < 60) & (rng.random(n) < 0.02)
    c["social.couverture"] = np.where(ame, "ame", couverture).astype(object)
    c["social.sans_titre_de_sejour"] = oui_non(ame | ((couverture == "aucune")
                                                      & (rng.random(n) < 0.4)))
    c["contexte.sortie_de_detention"] = oui_non(adulte & (rng.random(n) < 0.005))
    return pd.DataFrame(c, columns=COLONNES)


PROFILS = ("couverture", "population")


def cohorte(n: int, graine: int = 0, profil: str = "couverture") -> Iterator[pd.DataFrame]:
    """La cohorte, bloc par bloc (mémoire constante quel que soit ``n``).

    ``profil`` : « couverture » (chaque règle tire au moins une fois : tests, banc d'essai,
    formation) ou « population » (fréquences de la population française par âge :
    ``population.py``)."""
    if profil not in PROFILS:
        raise ValueError(f"profil inconnu « {profil} » (profils : {', '.join(PROFILS)})")
    fabrique = bloc if profil == "couverture" else bloc_population
    for numero, debut in enumerate(range(0, n, TAILLE_BLOC)):
        yield fabrique(min(TAILLE_BLOC, n - debut), graine, numero, debut_id=debut + 1)


def cohorte_complete(n: int, graine: int = 0, profil: str = "couverture") -> pd.DataFrame:
    """Toute la cohorte en un tableau (tests, application)."""
    blocs = list(cohorte(n, graine, profil))
    return pd.concat(blocs, ignore_index=True) if blocs else pd.DataFrame(columns=COLONNES)


def cohorte_csv(n: int, graine: int = 0, profil: str = "couverture") -> bytes:
    """La cohorte en CSV (octets), comme ``orientation synth``."""
    import io

    texte = io.StringIO()
    ecrire_cohorte(n, graine, None, texte, profil)
    return texte.getvalue().encode("utf-8")


def ecrire_cohorte(n: int, graine: int, chemin: Path | None, flux: IO[str],
                   profil: str = "couverture") -> None:
    """Écrit la cohorte (format par l'extension ; CSV sur ``flux`` sans chemin)."""
    suffixe = chemin.suffix.lower() if chemin else ".csv"
    if suffixe == ".xlsx" and n >= 1_048_576:
        from orientation.situation.erreurs import ErreurSaisie

        raise ErreurSaisie(["(sortie) : une feuille Excel tient au plus 1 048 575 personnes"])
    if suffixe == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.string()) for c in COLONNES])
        with pq.ParquetWriter(chemin, schema) as ecrivain:
            for df in cohorte(n, graine, profil):
                ecrivain.write_table(pa.Table.from_pandas(df, schema=schema,
                                                          preserve_index=False))
        return
    if suffixe == ".xlsx":  # en flux, sans fichier temporaire (tables.excel)
        from orientation.tables.excel import classeur

        df = cohorte_complete(n, graine, profil)
        with chemin.open("wb") as f:
            classeur({"situations": (list(df.columns), df.values.tolist())}, f)
        return
    sortie = chemin.open("w", encoding="utf-8", newline="") if chemin else flux
    try:
        for i, df in enumerate(cohorte(n, graine, profil)):
            if suffixe == ".jsonl":
                df.to_json(sortie, orient="records", lines=True, force_ascii=False)
            else:
                df.to_csv(sortie, index=False, header=i == 0, lineterminator="\n")
        if n == 0 and suffixe == ".csv":
            sortie.write(",".join(COLONNES) + "\n")
    finally:
        if chemin:
            sortie.close()
