"""Le glossaire des étapes : les phrases françaises des scénarios (``features/``) et ce
qu'elles font.

Une phrase « Soit / Et » remplit un champ de la situation (CONTRACT.md, « Input ») ; « Quand
on évalue sa situation » lance le repérage ; une phrase « Alors / Et » vérifie une partie du
résultat (CONTRACT.md, « Output »). Aucune décision du domaine ici : les seuils, conditions et
conclusions sont dans ``rules/`` ; les libellés reconnus viennent du catalogue
(``rules/catalogue.yaml``) et des libellés des champs (``rules/vocabulaire.yaml``), et les
identifiants sont toujours acceptés.

Quand un scénario échoue, le message dit en français ce qui était attendu, ce que le moteur a
conclu et quelles règles se sont appliquées (``EcartConstate``).

Le glossaire est dans le paquet pour que tous ceux qui lisent les scénarios parlent les mêmes
phrases : pytest-bdd (``tests/etapes.py`` enregistre chaque phrase comme définition d'étape),
l'exécution en mémoire des scénarios (``referentiel.execution`` : page de l'application,
situations des scénarios pour ``orientation rules diff``). Il ne dépend pas de pytest.

Le repérage se fait avec le moteur courant (``moteur_courant``) : celui du référentiel livré,
ou celui qu'une exécution a choisi (``avec_moteur``), par exemple un référentiel modifié.

``features/README.md`` liste ces phrases ; il est produit par ce module :

    .venv/bin/python -m orientation.referentiel.glossaire   # réécrit la partie générée
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from orientation.evaluation.moteur import Moteur, moteur_par_defaut
from orientation.referentiel import Referentiel
from orientation.referentiel.scenarios import dossier_features_par_defaut
from orientation.referentiel.vocabulaire import vocabulaire
from orientation.resultat import Orientation
from orientation.resultat.modele import Scores
from orientation.resultat.rapport import motif, scores_lisibles, valeur_lisible
from orientation.situation.erreurs import ErreurSaisie, lire_situation
from orientation.situation.faits import CHAMPS
from orientation.situation.modele import Aggir, Epices, Fragilite

README_FEATURES = dossier_features_par_defaut() / "README.md"
DEBUT, FIN = "<!-- glossaire : début (généré) -->", "<!-- glossaire : fin -->"

# --- Messages d'échec lisibles -------------------------------------------------------------


class MessageScenario(AssertionError):
    """Un échec de scénario expliqué en français ; pytest l'affiche sans trace Python
    (``tests/conftest.py``), la page des scénarios tel quel."""


class EcartConstate(MessageScenario):
    """Le moteur n'a pas conclu ce que le scénario attendait."""


class PhraseIncomprise(MessageScenario):
    """Une phrase du scénario nomme quelque chose d'inconnu (acteur, cluster, valeur…)."""


# --- Vocabulaire : libellés et identifiants ---------------------------------------------------


def cle(texte: str) -> str:
    """Forme de comparaison : sans accents, minuscules, tirets, apostrophes et espaces réduits.

    « DAC – réponse globale », « DAC - reponse globale » et « dac_reponse_globale » se
    rejoignent, comme « sortie d'hospitalisation » et « sortie_hospitalisation »."""
    t = unicodedata.normalize("NFKD", texte)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"\b[dl]['’]", "", t)  # « sortie d'hospitalisation » ~ sortie_hospitalisation
    return re.sub(r"[\s\-–—_'’]+", " ", t).strip()


_MOTEUR: contextvars.ContextVar[Moteur | None] = contextvars.ContextVar("moteur", default=None)


def moteur_courant() -> Moteur:
    """Le moteur des scénarios : celui choisi par ``avec_moteur``, sinon le référentiel livré
    (ou celui de ``ORIENTATION_REGLES``)."""
    return _MOTEUR.get() or moteur_par_defaut()


@contextlib.contextmanager
def avec_moteur(moteur: Moteur) -> Iterator[Moteur]:
    """Les scénarios exécutés dans ce bloc repèrent avec ``moteur`` (un autre référentiel)."""
    jeton = _MOTEUR.set(moteur)
    try:
        yield moteur
    finally:
        _MOTEUR.reset(jeton)


def referentiel() -> Referentiel:
    return moteur_courant().referentiel


def _trouver(texte: str, connus: dict[str, str], quoi: str) -> str:
    """L'identifiant dont l'identifiant ou le libellé correspond à ``texte``."""
    index: dict[str, str] = {}
    for ident, libelle in connus.items():
        index.setdefault(cle(ident), ident)
        index.setdefault(cle(libelle), ident)
    trouve = index.get(cle(texte))
    if trouve is None:
        proches = difflib.get_close_matches(cle(texte), list(index), n=1, cutoff=0.6)
        aide = f" Vouliez-vous dire « {connus[index[proches[0]]]} » ?" if proches else ""
        raise PhraseIncomprise(
            f"« {texte} » : {quoi} inconnu.{aide}\n"
            f"Connus : {', '.join(f'{lib} ({i})' for i, lib in connus.items())}"
        )
    return trouve


def clusters() -> dict[str, str]:
    return {c.id: c.libelle for c in referentiel().catalogue.clusters.values()}


def acteurs() -> dict[str, str]:
    return {a: lib for c in referentiel().catalogue.clusters.values()
            for a, lib in c.acteurs.items()}


def appuis() -> dict[str, str]:
    return {a: info["libelle"] for a, info in referentiel().catalogue.appuis.items()}


def alertes() -> dict[str, str]:
    """Une alerte se nomme par son identifiant ou par le début de son message
    (« Sortie d'hospitalisation prévue »)."""
    return {a: re.split(r"\s*[:(]", info["message"])[0]
            for a, info in referentiel().catalogue.alertes.items()}


def secteurs() -> dict[str, str]:
    return dict(referentiel().catalogue.secteurs)


def niveaux_parcours() -> dict[str, str]:
    return dict(referentiel().catalogue.parcours)


def niveaux() -> dict[str, str]:
    return {n: vocabulaire().valeur(n) for n in referentiel().catalogue.niveaux}


def regles() -> dict[str, str]:
    return {r.id: r.titre for r in referentiel().regles}


def valeurs_de(chemin: str) -> dict[str, str]:
    return {v: vocabulaire().valeur(v) for v in CHAMPS[chemin].valeurs}


def liste(texte: str) -> list[str]:
    """« diabète, BPCO et cancer » → ['diabète', 'BPCO', 'cancer'] (guillemets ôtés)."""
    if "«" in texte:
        return re.findall(r"«\s*([^«»]+?)\s*»", texte)
    morceaux = re.split(r"\s*,\s*|\s+et\s+", texte.strip())
    return [m.strip().strip("«»").strip() for m in morceaux if m.strip().strip("«»").strip()]


# --- Le dossier du patient au fil du scénario -----------------------------------------------


@dataclass
class Dossier:
    """La situation que le scénario décrit, puis le résultat du repérage."""

    donnees: dict[str, Any] = field(default_factory=dict)
    resultat: Orientation | None = None
    refus: list[str] | None = None

    def poser(self, chemin: str, valeur: Any) -> None:
        if "." not in chemin:
            self.donnees[chemin] = valeur
            return
        section, nom = chemin.split(".", 1)
        self.donnees.setdefault(section, {})[nom] = valeur

    def lire(self, chemin: str, defaut: Any = None) -> Any:
        section, nom = chemin.split(".", 1)
        return self.donnees.get(section, {}).get(nom, defaut)

    def orientation(self) -> Orientation:
        if self.refus is not None:
            raise MessageScenario("La situation décrite a été refusée :\n"
                                  + "\n".join(f"  - {m}" for m in self.refus))
        if self.resultat is None:
            raise MessageScenario("Le scénario vérifie un résultat avant « Quand on évalue sa "
                                  "situation ».")
        return self.resultat

    def situation_lisible(self) -> str:
        valeurs: dict[str, Any] = {}
        for cle_, valeur in self.donnees.items():
            if isinstance(valeur, dict):
                for nom, v in valeur.items():
                    valeurs[f"{cle_}.{nom}"] = v
            else:
                valeurs[cle_] = valeur
        morceaux = []
        for chemin, v in valeurs.items():
            libelle = vocabulaire().libelle(chemin)
            if isinstance(v, dict):
                v = ", ".join(f"{k} {x}" for k, x in v.items() if x is not None)
            morceaux.append(f"{libelle} = {valeur_lisible(v)}")
        return " ; ".join(morceaux)


def conclusion_lisible(o: Orientation) -> str:
    """Ce que le moteur a conclu, comme un médecin le lirait."""
    def ou_aucun(valeurs: Iterable[str], aucun: str = "aucun") -> str:
        return ", ".join(valeurs) or aucun

    cat = referentiel().catalogue
    lignes = [
        f"  niveau : {cat.niveaux[o.niveau]['libelle'].lower()} ; urgence : "
        f"{'oui' if o.urgence else 'non'} ; PPS recommandé : {'oui' if o.pps else 'non'}",
        f"  secteurs : {ou_aucun(cat.secteurs[s] for s in o.secteurs)}",
        f"  niveaux de parcours : {ou_aucun(cat.parcours[p] for p in o.parcours)}",
        "  clusters :" + ("" if o.clusters else " aucun"),
    ]
    lignes += [f"    - {c.libelle} : {ou_aucun(a.libelle for a in c.acteurs)}" for c in o.clusters]
    lignes.append(f"  fonctions d'appui : {ou_aucun((a.libelle for a in o.appuis), 'aucune')}")
    lignes.append(f"  alertes : {ou_aucun((a.id for a in o.alertes), 'aucune')}")
    scores = scores_lisibles(o)
    if scores:
        lignes.append(f"  scores : {' ; '.join(scores)}")
    lignes.append("  règles appliquées :" + ("" if o.explications else " aucune"))
    for e in o.explications:
        car = f" — car {motif(e.valeurs)}" if e.valeurs else ""
        lignes.append(f"    - {e.regle} « {e.titre} »{car}")
    return "\n".join(lignes)


def verifier(dossier: Dossier, vrai: bool, attendu: str, constate: str) -> None:
    """Lève ``EcartConstate`` avec l'attendu, le constaté et toute la conclusion du moteur."""
    __tracebackhide__ = True
    if vrai:
        return
    o = dossier.orientation()
    raise EcartConstate(
        f"Attendu : {attendu}\n"
        f"Constaté : {constate}\n\n"
        f"Situation décrite : {dossier.situation_lisible()}\n\n"
        f"Le moteur a conclu :\n{conclusion_lisible(o)}"
    )


# --- L'enregistrement des phrases -------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """Une entrée du glossaire, telle que ``features/README.md`` la montre."""

    mot_cle: str  # Soit, Quand, Alors
    rubrique: str
    modele: str
    exemples: tuple[str, ...]
    effet: str
    motif: str
    fonction: Callable[..., Any] = field(compare=False, repr=False)
    convertisseurs: dict[str, Callable[[str], Any]] = field(default_factory=dict, compare=False,
                                                          repr=False)

    @property
    def expression(self) -> re.Pattern[str]:
        """Le motif compilé ; une étape correspond à la phrase si elle le remplit en entier
        (comme ``pytest_bdd.parsers.re``)."""
        return re.compile(self.motif)  # re garde les motifs compilés en cache


GLOSSAIRE: list[Phrase] = []
SUJET = r"(?:il|elle|l'enfant|le patient|la patiente)"
GUILLEMETS = r"«\s*(?P<{}>[^«»]+?)\s*»"


def _enregistrer(mot_cle: str, rubrique: str, modele: str, motif: str, exemples: Iterable[str],
                 fonction: Callable[..., Any], effet: str | None = None,
                 convertisseurs: dict[str, Callable[[str], Any]] | None = None) -> None:
    effet = effet or " ".join((fonction.__doc__ or "").split())
    exemples = tuple(exemples) or (modele if modele.startswith(mot_cle) else f"Et {modele}",)
    GLOSSAIRE.append(Phrase(mot_cle, rubrique, modele, tuple(exemples), effet, motif, fonction,
                            dict(convertisseurs or {})))


def etape(mot_cle: str, rubrique: str, modele: str, motif: str, *exemples: str,
          **convertisseurs: Callable[[str], Any]) -> Callable[[Callable[..., Any]],
                                                              Callable[..., Any]]:
    def decorer(fonction: Callable[..., Any]) -> Callable[..., Any]:
        _enregistrer(mot_cle, rubrique, modele, motif, exemples, fonction,
                     convertisseurs=convertisseurs)
        return fonction
    return decorer


def champ(rubrique: str, modele: str, motif: str, chemin: str, valeur: Any,
          *exemples: str) -> None:
    """Une phrase qui donne une valeur fixe à un champ de la situation."""
    def poser(dossier: Dossier) -> None:
        dossier.poser(chemin, valeur)
    _enregistrer("Soit", rubrique, modele, motif, exemples, poser,
                 effet=f"`{chemin}` = {_valeur_doc(valeur)}")


def nombre(rubrique: str, modele: str, motif: str, chemin: str, *exemples: str) -> None:
    """Une phrase qui donne un nombre (groupe ``n``) à un champ de la situation."""
    def poser(dossier: Dossier, n: int) -> None:
        dossier.poser(chemin, n)
    _enregistrer("Soit", rubrique, modele, motif, exemples, poser,
                 effet=f"`{chemin}` = le nombre", convertisseurs={"n": int})


def _valeur_doc(valeur: Any) -> str:
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    return f"`{valeur}`"


# === Soit : la personne et sa situation =======================================================

R = "La personne"


@etape("Soit", R, "Soit un patient | une patiente | une personne | un enfant… de <âge> ans",
       r"(?:un|une) (?:patient|patiente|personne|homme|femme|enfant|jeune|adolescent|"
       r"adolescente|nourrisson) de (?P<age>\d+) ans?",
       "Soit une patiente de 84 ans", "Soit un enfant de 4 ans", age=int)
def _personne(dossier: Dossier, age: int) -> None:
    """Commence une situation : `age` = l'âge (seul champ obligatoire)."""
    dossier.poser("age", age)


R = "Contexte de la consultation"
champ(R, "elle n'a pas de médecin traitant déclaré",
      rf"{SUJET} n'a pas de médecin traitant(?: déclaré)?", "contexte.medecin_traitant", False,
      "Et il n'a pas de médecin traitant déclaré")
champ(R, "elle a un médecin traitant déclaré", rf"{SUJET} a un médecin traitant(?: déclaré)?",
      "contexte.medecin_traitant", True)
champ(R, "elle présente des signes d'urgence vitale",
      rf"{SUJET} présente des signes d'urgence vitale", "contexte.urgence", True)
champ(R, "elle consulte hors de sa résidence habituelle",
      rf"{SUJET} (?:consulte|est soignée?) (?:hors de sa résidence habituelle|loin de chez "
      r"(?:elle|lui))", "contexte.hors_residence_habituelle", True,
      "Et elle consulte hors de sa résidence habituelle", "Et il est soigné loin de chez lui")
champ(R, "sa sortie d'hospitalisation est prévue dans les prochains jours",
      r"sa sortie d'hospitalisation est prévue(?: dans les prochains jours)?",
      "contexte.sortie_hospitalisation", True)
champ(R, "son médecin juge la situation complexe",
      r"(?:son médecin|son médecin traitant|le professionnel) juge (?:la|sa) situation complexe",
      "contexte.complexite_ressentie", True)
champ(R, "elle est déjà suivie par le DAC | par un gestionnaire de cas",
      rf"{SUJET} est déjà suivie? par (?:le DAC|un DAC|un gestionnaire de cas|une "
      r"gestionnaire de cas)", "contexte.suivi_appui_en_cours", True,
      "Et elle est déjà suivie par le DAC", "Et il est déjà suivi par un gestionnaire de cas")
champ(R, "il sort de détention | sa sortie de détention est prévue",
      rf"(?:{SUJET} (?:sort|est sortie?) de (?:détention|prison)(?: .*)?|sa sortie de "
      r"(?:détention|prison) est prévue(?: .*)?)", "contexte.sortie_de_detention", True,
      "Et il sort de détention", "Et sa sortie de prison est prévue la semaine prochaine")

R = "Santé"


@etape("Soit", R, "elle a une maladie chronique | les maladies chroniques : <liste>",
       rf"{SUJET} a (?:une|des|les) maladies? chroniques? : (?P<maladies>.+)",
       "Et elle a les maladies chroniques : diabète, insuffisance cardiaque et BPCO",
       "Et il a une maladie chronique : maladie psychiatrique")
def _maladies(dossier: Dossier, maladies: str) -> None:
    """`sante.maladies_chroniques` : libellés ou identifiants, séparés par « , » ou « et »."""
    connues = valeurs_de("sante.maladies_chroniques")
    dossier.poser("sante.maladies_chroniques",
                  [_trouver(m, connues, "maladie chronique") for m in liste(maladies)])


champ(R, "elle a une insuffisance d'organe sévère",
      rf"{SUJET} a une insuffisance d'organe sévère", "sante.insuffisance_organe_severe", True)
champ(R, "sa pathologie chronique n'est pas stabilisée",
      r"sa pathologie chronique n'est pas stabilisée", "sante.pathologie_instable", True)
nombre(R, "elle prend <n> médicaments par jour",
       rf"{SUJET} prend (?P<n>\d+) médicaments? (?:différents )?par jour",
       "sante.nb_medicaments", "Et elle prend 12 médicaments par jour")
nombre(R, "elle a eu <n> hospitalisations non programmées en 6 mois",
       rf"{SUJET} a eu (?P<n>\d+) hospitalisations? non programmées? en 6 mois",
       "sante.hospitalisations_non_programmees_6_mois",
       "Et elle a eu 2 hospitalisations non programmées en 6 mois")
nombre(R, "elle a fait <n> chutes en 6 mois | elle est tombée <n> fois en 6 mois",
       rf"{SUJET} (?:a fait|est tombée?) (?P<n>\d+) (?:chutes?|fois) en 6 mois",
       "sante.chutes_6_mois", "Et elle a fait 3 chutes en 6 mois")
nombre(R, "elle a fait <n> chutes en 12 mois | elle est tombée <n> fois en 12 mois",
       rf"{SUJET} (?:a fait|est tombée?) (?P<n>\d+) (?:chutes?|fois) en (?:12 mois|un an)",
       "sante.chutes_12_mois", "Et elle est tombée 2 fois en 12 mois")
champ(R, "elle a fait une chute grave", rf"{SUJET} a fait une chute grave",
      "sante.chute_grave", True)
champ(R, "elle a des troubles cognitifs", rf"{SUJET} a des troubles cognitifs",
      "sante.troubles_cognitifs", True)
champ(R, "elle a des troubles de l'humeur ou du comportement | des troubles psychiques",
      rf"{SUJET} a des troubles (?:de l'humeur ou du comportement|du comportement|de l'humeur|"
      r"psychiques)", "sante.troubles_psychiques", True,
      "Et elle a des troubles de l'humeur ou du comportement", "Et il a des troubles psychiques")
champ(R, "elle a des troubles du comportement perturbateurs",
      rf"{SUJET} a des troubles du comportement perturbateurs(?: \(.*\))?",
      "sante.troubles_du_comportement", True,
      "Et elle a des troubles du comportement perturbateurs (agitation, agressivité)")
champ(R, "elle est en crise suicidaire", rf"{SUJET} est en crise suicidaire",
      "sante.crise_suicidaire", True)
champ(R, "elle a une addiction", rf"{SUJET} a une addiction", "sante.addiction", True)
champ(R, "elle a une douleur chronique | souffre d'une douleur chronique depuis plus de 3 mois",
      rf"{SUJET} (?:a |souffre d')une douleur chronique(?: depuis plus de 3 mois)?",
      "sante.douleur_chronique", True, "Et elle a une douleur chronique",
      "Et elle souffre d'une douleur chronique depuis plus de 3 mois")
champ(R, "sa douleur chronique résiste aux premier et second recours",
      r"sa douleur chronique résiste (?:aux premier et second recours|aux traitements de ville)",
      "sante.douleur_rebelle", True)
champ(R, "elle est dénutrie", rf"{SUJET} est dénutrie?", "sante.denutrition", True)
champ(R, "elle relève de soins palliatifs", rf"{SUJET} relève de soins palliatifs",
      "sante.soins_palliatifs", True)
champ(R, "elle refuse les soins", rf"{SUJET} refuse les soins", "sante.refus_de_soins", True)
champ(R, "elle est enceinte", rf"{SUJET} est enceinte", "sante.grossesse", True)
champ(R, "elle a accouché il y a moins d'un an",
      rf"{SUJET} a accouché il y a (?:moins d'un an|\d+ (?:semaines|mois))", "sante.post_partum",
      True, "Et elle a accouché il y a moins d'un an", "Et elle a accouché il y a 6 semaines")
champ(R, "elle a une affection de longue durée (ALD)",
      rf"{SUJET} (?:a une affection de longue durée|est en ALD)(?: \(ALD\))?", "sante.ald",
      True, "Et elle a une affection de longue durée", "Et il est en ALD")
champ(R, "il a un trouble du neurodéveloppement",
      rf"{SUJET} a un trouble du neurodéveloppement(?: .*)?", "sante.trouble_neurodeveloppement",
      True, "Et il a un trouble du neurodéveloppement")
champ(R, "il a un trouble du spectre de l'autisme | est autiste",
      rf"{SUJET} (?:a un trouble du spectre de l'autisme|est autiste)(?: .*)?", "sante.autisme",
      True, "Et il a un trouble du spectre de l'autisme", "Et elle est autiste")

R = "Autonomie"


@etape("Soit", R, "elle est en GIR <n>", rf"{SUJET} est en GIR (?P<gir>\d+)",
       "Et elle est en GIR 2", gir=int)
def _gir(dossier: Dossier, gir: int) -> None:
    """`autonomie.gir` = le GIR déjà évalué."""
    dossier.poser("autonomie.gir", gir)


def _codes_aggir(dossier: Dossier, codes: dict[str, str]) -> None:
    variables = list(Aggir.model_fields)
    dossier.poser("autonomie.aggir", codes)
    manquantes = [v for v in variables[:8] if v not in codes]
    if manquantes:
        raise PhraseIncomprise(f"Grille AGGIR incomplète : il manque {', '.join(manquantes)}.")


@etape("Soit", R, "sa grille AGGIR est « <8 codes A, B ou C> »",
       r"sa grille AGGIR est «\s*(?P<codes>[ABC](?:\s*[ABC]){7})\s*»",
       "Et sa grille AGGIR est « BBBBABBB »")
def _aggir_compacte(dossier: Dossier, codes: str) -> None:
    """`autonomie.aggir` : les 8 variables discriminantes dans l'ordre cohérence, orientation,
    toilette, habillage, alimentation, élimination, transferts, déplacement intérieur."""
    lettres = codes.replace(" ", "")
    _codes_aggir(dossier, dict(zip(list(Aggir.model_fields)[:8], lettres, strict=True)))


@etape("Soit", R, "sa grille AGGIR est : (tableau variable | code)",
       r"sa grille AGGIR est :", "Et sa grille AGGIR est :")
def _aggir_tableau(dossier: Dossier, datatable: list[list[str]]) -> None:
    """`autonomie.aggir` : un tableau `| variable | code |` (cohérence, orientation, toilette,
    habillage, alimentation, élimination, transferts, déplacement intérieur ; déplacement
    extérieur et communication acceptés)."""
    connues = {v: v.replace("_", " ") for v in Aggir.model_fields}
    codes = {_trouver(v, connues, "variable AGGIR"): c.strip()
             for v, c in _rangs(datatable, "code")}
    _codes_aggir(dossier, codes)


nombre(R, "elle dépend d'autrui pour <n> activités de base de la vie quotidienne (ADL)",
       rf"{SUJET} dépend d'autrui pour (?P<n>\d+) activités? de base de la vie quotidienne"
       r"(?: \(ADL\))?", "autonomie.adl_dependantes",
       "Et elle dépend d'autrui pour 3 activités de base de la vie quotidienne")
nombre(R, "elle dépend d'autrui pour <n> activités instrumentales de la vie quotidienne (IADL)",
       rf"{SUJET} dépend d'autrui pour (?P<n>\d+) activités? instrumentales?(?: de la vie "
       r"quotidienne)?(?: \(IADL\))?", "autonomie.iadl_dependantes",
       "Et elle dépend d'autrui pour 4 activités instrumentales de la vie quotidienne")
champ(R, "son autonomie décisionnelle est altérée",
      r"son autonomie décisionnelle est altérée", "autonomie.autonomie_decisionnelle_alteree",
      True)
champ(R, "ses aides à domicile sont adaptées", r"ses aides à domicile sont adaptées",
      "autonomie.aides", "adaptees")
champ(R, "ses aides à domicile sont insuffisantes", r"ses aides à domicile sont insuffisantes",
      "autonomie.aides", "insuffisantes")
champ(R, "elle n'a aucune aide à domicile", rf"{SUJET} n'a aucune aide à domicile",
      "autonomie.aides", "aucune")

QUESTIONS_GFST = {q: q.replace("_", " ") for q in Fragilite.model_fields if q != "jugement_fragile"}
REPONSES_GFST = {"oui": "oui", "non": "non", "ne_sait_pas": "ne sait pas"}


@etape("Soit", R, "au repérage de la fragilité (GFST), elle répond : (tableau question | "
       "réponse)", rf"au repérage de la fragilité \(GFST\), {SUJET} répond :",
       "Et au repérage de la fragilité (GFST), elle répond :")
def _gfst_tableau(dossier: Dossier, datatable: list[list[str]]) -> None:
    """`autonomie.fragilite` : les six questions du Gérontopôle (vit seul, perte de poids,
    fatigue, mobilité, plainte mémoire, marche lente), réponse oui, non ou ne sait pas."""
    reponses = {_trouver(q, QUESTIONS_GFST, "question du GFST"):
                _trouver(r, REPONSES_GFST, "réponse au GFST") for q, r in _rangs(datatable)}
    _gfst(dossier, reponses)


@etape("Soit", R, "au repérage de la fragilité (GFST), elle répond oui à : <questions> et non "
       "aux autres", rf"au repérage de la fragilité \(GFST\), {SUJET} répond oui à : "
       r"(?P<questions>.+) et non aux autres",
       "Et au repérage de la fragilité (GFST), elle répond oui à : vit seul, fatigue et marche "
       "lente et non aux autres")
def _gfst_oui(dossier: Dossier, questions: str) -> None:
    """`autonomie.fragilite` : « oui » aux questions nommées, « non » aux autres."""
    oui = {_trouver(q, QUESTIONS_GFST, "question du GFST") for q in liste(questions)}
    _gfst(dossier, {q: "oui" if q in oui else "non" for q in QUESTIONS_GFST})


@etape("Soit", R, "au repérage de la fragilité (GFST), elle répond non à toutes les questions",
       rf"au repérage de la fragilité \(GFST\), {SUJET} répond non à toutes les questions",
       "Et au repérage de la fragilité (GFST), elle répond non à toutes les questions")
def _gfst_non(dossier: Dossier) -> None:
    """`autonomie.fragilite` : « non » aux six questions."""
    _gfst(dossier, dict.fromkeys(QUESTIONS_GFST, "non"))


def _gfst(dossier: Dossier, reponses: dict[str, str]) -> None:
    manquantes = [QUESTIONS_GFST[q] for q in QUESTIONS_GFST if q not in reponses]
    if manquantes:
        raise PhraseIncomprise(f"Repérage de la fragilité incomplet : il manque "
                               f"{', '.join(manquantes)}.")
    jugement = (dossier.lire("autonomie.fragilite") or {}).get("jugement_fragile")
    dossier.poser("autonomie.fragilite", {**reponses, "jugement_fragile": jugement})


@etape("Soit", R, "le clinicien la juge fragile | ne la juge pas fragile",
       r"le clinicien (?P<negation>ne )?(?:la|le) juge (?:pas )?fragile",
       "Et le clinicien la juge fragile", "Et le clinicien ne le juge pas fragile")
def _jugement(dossier: Dossier, negation: str | None) -> None:
    """`autonomie.fragilite.jugement_fragile` = oui, ou non avec « ne … pas » (après les
    réponses du GFST)."""
    fragilite = dossier.lire("autonomie.fragilite")
    if fragilite is None:
        raise PhraseIncomprise("Le jugement du clinicien suit les réponses au repérage de la "
                               "fragilité (GFST) : donnez-les d'abord.")
    fragilite["jugement_fragile"] = not negation


R = "Handicap"
_TYPES = valeurs_de("handicap.types")
_UN_TYPE = "|".join(re.escape(lib) for lib in _TYPES.values())


@etape("Soit", R, "il a un handicap <type>[, <type>…] et <type>",
       rf"{SUJET} a un handicap (?P<types>(?:{_UN_TYPE})(?:(?:, | et )(?:{_UN_TYPE}))*)",
       "Et il a un handicap moteur", "Et elle a un handicap psychique et cognitif")
def _handicap(dossier: Dossier, types: str) -> None:
    """`handicap.types` += les types nommés (moteur, sensoriel, psychique, mental, cognitif)."""
    _ajouter_types(dossier, [_trouver(t, _TYPES, "type de handicap") for t in liste(types)])


@etape("Soit", R, "il a un polyhandicap", rf"{SUJET} a un polyhandicap")
def _polyhandicap(dossier: Dossier) -> None:
    """`handicap.types` += `polyhandicap`."""
    _ajouter_types(dossier, ["polyhandicap"])


@etape("Soit", R, "elle a une maladie invalidante", rf"{SUJET} a une maladie invalidante")
def _maladie_invalidante(dossier: Dossier) -> None:
    """`handicap.types` += `maladie_invalidante`."""
    _ajouter_types(dossier, ["maladie_invalidante"])


def _ajouter_types(dossier: Dossier, types: list[str]) -> None:
    deja = dossier.lire("handicap.types", [])
    dossier.poser("handicap.types", deja + [t for t in types if t not in deja])


champ(R, "son handicap est reconnu par la MDPH", r"son handicap est reconnu par la MDPH",
      "handicap.reconnaissance_mdph", True)
champ(R, "il a un handicap rare", rf"{SUJET} a un handicap rare", "handicap.handicap_rare", True)
champ(R, "il est sans solution adaptée | son accompagnement s'est interrompu",
      rf"{SUJET} est sans solution adaptée|son accompagnement s'est interrompu",
      "handicap.sans_solution", True,
      "Et il est sans solution adaptée", "Et son accompagnement s'est interrompu")

R = "Social"
champ(R, "elle vit seule", rf"{SUJET} vit seule?", "social.vit_seul", True,
      "Et elle vit seule", "Et il vit seul")
champ(R, "elle est isolée", rf"{SUJET} est (?:socialement )?isolée?", "social.isolement", True,
      "Et elle est isolée", "Et il est socialement isolé")
champ(R, "son aidant est présent", r"son aidante? est présente?", "social.aidant", "present")
champ(R, "son aidant est épuisé | son aidante est épuisée", r"son aidante? est épuisée?",
      "social.aidant", "epuise", "Et son aidant est épuisé", "Et son aidante est épuisée")
champ(R, "elle n'a aucun aidant", rf"{SUJET} n'a (?:aucun |pas d')aidant", "social.aidant",
      "aucun", "Et elle n'a aucun aidant", "Et il n'a pas d'aidant")

REPONSES_ZARIT = {"jamais": "jamais", "parfois": "parfois", "souvent": "souvent"}


@etape("Soit", R, "son aidant répond au mini-Zarit : <7 réponses jamais, parfois ou souvent>",
       r"son aidante? répond au mini-Zarit : (?P<reponses>.+)",
       "Et son aidant répond au mini-Zarit : souvent, souvent, parfois, souvent, souvent, "
       "souvent et parfois")
def _zarit(dossier: Dossier, reponses: str) -> None:
    """`social.mini_zarit` : les 7 réponses dans l'ordre du formulaire."""
    dossier.poser("social.mini_zarit",
                  [_trouver(r, REPONSES_ZARIT, "réponse au mini-Zarit") for r in liste(reponses)])


@etape("Soit", R, "son aidant répond au mini-Zarit : (tableau question | réponse)",
       r"son aidante? répond au mini-Zarit :", "Et son aidant répond au mini-Zarit :")
def _zarit_tableau(dossier: Dossier, datatable: list[list[str]]) -> None:
    """`social.mini_zarit` : un tableau `| question | réponse |`, les 7 questions dans l'ordre
    du formulaire."""
    dossier.poser("social.mini_zarit", [_trouver(r, REPONSES_ZARIT, "réponse au mini-Zarit")
                                        for _, r in _rangs(datatable)])


champ(R, "son logement est adapté", r"son logement est adapté", "social.logement", "adapte")
champ(R, "son logement est inadapté", r"son logement est inadapté", "social.logement",
      "inadapte")
champ(R, "son logement est insalubre", r"son logement est insalubre", "social.logement",
      "insalubre")
champ(R, "elle est sans domicile", rf"{SUJET} est sans domicile", "social.logement",
      "sans_domicile")
champ(R, "sa couverture maladie est complète", r"sa couverture maladie est complète",
      "social.couverture", "complete")
champ(R, "elle n'a pas de complémentaire santé", rf"{SUJET} n'a pas de complémentaire santé",
      "social.couverture", "sans_complementaire")
champ(R, "elle n'a aucune couverture maladie", rf"{SUJET} n'a aucune couverture maladie",
      "social.couverture", "aucune")
champ(R, "elle bénéficie de l'aide médicale de l'État (AME)",
      rf"{SUJET} bénéficie de l'aide médicale de l'État(?: \(AME\))?", "social.couverture",
      "ame")
champ(R, "elle est sans titre de séjour", rf"{SUJET} est sans titre de séjour",
      "social.sans_titre_de_sejour", True)

QUESTIONS_EPICES = {q: q.replace("_", " ") for q in Epices.model_fields}


@etape("Soit", R, "au questionnaire EPICES, elle répond : (tableau question | réponse)",
       rf"au questionnaire EPICES, {SUJET} répond :",
       "Et au questionnaire EPICES, elle répond :")
def _epices_tableau(dossier: Dossier, datatable: list[list[str]]) -> None:
    """`social.epices` : les 11 questions (travailleur social, complémentaire, couple,
    propriétaire, difficultés financières, sport, spectacle, vacances, contacts famille,
    hébergement possible, aide matérielle), réponse oui ou non."""
    oui_non = {"oui": "oui", "non": "non"}
    _epices(dossier, {_trouver(q, QUESTIONS_EPICES, "question EPICES"):
                      _trouver(r, oui_non, "réponse EPICES") == "oui"
                      for q, r in _rangs(datatable)})


@etape("Soit", R, "au questionnaire EPICES, elle répond oui à : <questions> et non aux autres",
       rf"au questionnaire EPICES, {SUJET} répond oui à : (?P<questions>.+) et non aux autres",
       "Et au questionnaire EPICES, elle répond oui à : travailleur social et difficultés "
       "financières et non aux autres")
def _epices_oui(dossier: Dossier, questions: str) -> None:
    """`social.epices` : « oui » aux questions nommées, « non » aux autres."""
    oui = {_trouver(q, QUESTIONS_EPICES, "question EPICES") for q in liste(questions)}
    _epices(dossier, {q: q in oui for q in QUESTIONS_EPICES})


@etape("Soit", R, "au questionnaire EPICES, elle répond non à toutes les questions",
       rf"au questionnaire EPICES, {SUJET} répond non à toutes les questions")
def _epices_non(dossier: Dossier) -> None:
    """`social.epices` : « non » aux 11 questions."""
    _epices(dossier, dict.fromkeys(QUESTIONS_EPICES, False))


def _epices(dossier: Dossier, reponses: dict[str, bool]) -> None:
    manquantes = [QUESTIONS_EPICES[q] for q in QUESTIONS_EPICES if q not in reponses]
    if manquantes:
        raise PhraseIncomprise(f"Questionnaire EPICES incomplet (un score ne se calcule pas "
                               f"sur des réponses manquantes) : il manque {', '.join(manquantes)}.")
    dossier.poser("social.epices", reponses)


champ(R, "elle a des difficultés financières", rf"{SUJET} a des difficultés financières",
      "social.difficultes_financieres", True)
champ(R, "elle ne parle pas français", rf"{SUJET} ne parle pas (?:le )?français",
      "social.barriere_linguistique", True)
champ(R, "une protection juridique est à évaluer", r"une protection juridique est à évaluer",
      "social.protection_juridique", "a_evaluer")
champ(R, "une protection juridique est en place", r"une protection juridique est en place",
      "social.protection_juridique", "en_place")
champ(R, "une maltraitance est suspectée", r"une maltraitance est suspectée",
      "social.maltraitance_suspectee", True)
champ(R, "elle subit des violences au sein du couple",
      rf"{SUJET} subit des violences (?:au sein du couple|conjugales)(?: .*)?",
      "social.violences_conjugales", True, "Et elle subit des violences au sein du couple")
champ(R, "elle aide un proche malade, handicapé ou âgé",
      rf"{SUJET} aide (?:un proche|sa mère|son père|un parent)(?: .*)?", "social.est_aidant",
      True, "Et elle aide un proche malade, handicapé ou âgé", "Et il aide sa mère malade")

R = "Tout champ, par son libellé"
_SAISISSABLES = {c: vocabulaire().libelle(c) for c, ch in CHAMPS.items() if not ch.derive}


@etape("Soit", R, "« <libellé ou chemin du champ> » vaut « <valeur> »",
       rf"{GUILLEMETS.format('nom')} vaut {GUILLEMETS.format('valeur')}",
       "Et « nombre de médicaments par jour » vaut « 9 »", "Et « aidant » vaut « épuisé »",
       "Et « social.vit_seul » vaut « oui »")
def _champ_libre(dossier: Dossier, nom: str, valeur: str) -> None:
    """Le champ nommé par son libellé (`rules/vocabulaire.yaml`) ou son chemin reçoit la
    valeur : oui/non, un nombre, un libellé ou identifiant de valeur, une liste « a, b et c »."""
    chemin = _trouver(nom, _SAISISSABLES, "champ de la situation")
    c = CHAMPS[chemin]
    if c.type == "booleen":
        dossier.poser(chemin, _trouver(valeur, {"oui": "oui", "non": "non"}, "oui/non") == "oui")
    elif c.type == "entier":
        if not re.fullmatch(r"\d+", valeur):
            raise PhraseIncomprise(f"« {nom} » attend un nombre entier, pas « {valeur} ».")
        dossier.poser(chemin, int(valeur))
    elif c.type == "enum":
        dossier.poser(chemin, _trouver(valeur, valeurs_de(chemin), f"valeur de « {nom} »"))
    else:
        dossier.poser(chemin, [_trouver(v, valeurs_de(chemin), f"valeur de « {nom} »")
                               for v in liste(valeur)])


def _rangs(datatable: list[list[str]], en_tete: str = "reponse") -> list[tuple[str, str]]:
    """Les lignes ``| question | réponse |`` d'un tableau, sans sa ligne d'en-tête."""
    rangs = [tuple(c.strip() for c in rang) for rang in datatable]
    if rangs and len(rangs[0]) >= 2 and cle(rangs[0][1]) in (en_tete, "reponse", "code"):
        rangs = rangs[1:]
    if any(len(r) != 2 for r in rangs):
        raise PhraseIncomprise("Le tableau doit avoir deux colonnes : question | réponse.")
    return [(r[0], r[1]) for r in rangs]


# === Quand =====================================================================================


@etape("Quand", "Évaluer", "Quand on évalue sa situation", r"on évalue (?:sa|la|leur) situation")
def _evaluer(dossier: Dossier) -> None:
    """Valide la situation (comme `orientation screen`) et lance le repérage avec le
    référentiel courant (`rules/`, ou le dossier nommé par `ORIENTATION_REGLES`)."""
    try:
        situation = lire_situation(dossier.donnees)
    except ErreurSaisie as e:
        dossier.refus = e.messages
        return
    dossier.resultat = moteur_courant().screen(situation)


# === Alors : le résultat ======================================================================

R = "Niveau, urgence, PPS"


@etape("Alors", R, "le parcours est simple | coordonné | complexe",
       r"le parcours (?P<negation>n')?est (?:pas )?(?P<niveau>simple|coordonné|complexe)",
       "Alors le parcours est complexe", "Alors le parcours n'est pas complexe")
def _niveau(dossier: Dossier, negation: str | None, niveau: str) -> None:
    """Le niveau conclu (`niveau`) est — ou n'est pas, avec « n'est pas » — celui nommé."""
    attendu = _trouver(niveau, niveaux(), "niveau")
    o = dossier.orientation()
    verifier(dossier, (o.niveau == attendu) != bool(negation),
             f"le parcours {'n’' if negation else ''}est {'pas ' if negation else ''}{niveau}",
             f"le parcours est {niveaux()[o.niveau]}")


@etape("Alors", R, "c'est une urgence | ce n'est pas une urgence",
       r"(?P<phrase>c'est|ce n'est pas) une urgence",
       "Alors c'est une urgence", "Alors ce n'est pas une urgence")
def _urgence(dossier: Dossier, phrase: str) -> None:
    """`urgence` vaut oui (« c'est ») ou non (« ce n'est pas »)."""
    o = dossier.orientation()
    attendu = phrase == "c'est"
    verifier(dossier, o.urgence == attendu,
             "c'est une urgence" if attendu else "ce n'est pas une urgence",
             "c'est une urgence" if o.urgence else "ce n'est pas une urgence")


@etape("Alors", R, "un plan personnalisé de santé (PPS) est recommandé | aucun PPS n'est "
       "recommandé",
       r"(?P<phrase>un|aucun) (?:plan personnalisé de santé|PPS)(?: \(PPS\))? (?:n')?est "
       r"recommandé", "Et un plan personnalisé de santé est recommandé",
       "Et aucun PPS n'est recommandé")
def _pps(dossier: Dossier, phrase: str) -> None:
    """`pps` vaut oui (« un ») ou non (« aucun »)."""
    o = dossier.orientation()
    attendu = phrase == "un"
    verifier(dossier, o.pps == attendu,
             "un PPS est recommandé" if attendu else "aucun PPS n'est recommandé",
             "un PPS est recommandé" if o.pps else "aucun PPS n'est recommandé")


R = "Secteurs et niveaux de parcours"


@etape("Alors", R, "les secteurs en cause sont : <liste> | aucun secteur n'est en cause",
       r"les secteurs en cause sont : (?P<noms>.+)|(?P<aucun>aucun) secteur n'est en cause",
       "Et les secteurs en cause sont : sanitaire, médico-social et social")
def _secteurs_exacts(dossier: Dossier, noms: str | None, aucun: str | None) -> None:
    """`secteurs` est exactement la liste nommée (l'ordre ne compte pas)."""
    _ensemble_exact(dossier, "secteurs", secteurs(), [] if aucun else liste(noms or ""),
                    "les secteurs en cause", "secteur")


@etape("Alors", R, "le secteur <nom> est en cause | n'est pas en cause",
       r"le secteur (?P<nom>\S+) (?P<negation>n')?est (?:pas )?en cause",
       "Et le secteur social est en cause", "Et le secteur sanitaire n'est pas en cause")
def _secteur(dossier: Dossier, nom: str, negation: str | None) -> None:
    """`secteurs` contient — ou ne contient pas — le secteur nommé."""
    _appartient(dossier, "secteurs", secteurs(), nom, not negation, "le secteur",
                "est en cause", "n'est pas en cause", "secteur")


@etape("Alors", R, "les niveaux de parcours sont : <liste>",
       r"les niveaux de parcours sont : (?P<noms>.+)",
       "Et les niveaux de parcours sont : soins, santé et vie")
def _parcours_exacts(dossier: Dossier, noms: str) -> None:
    """`parcours` est exactement la liste nommée (soins, santé, vie)."""
    _ensemble_exact(dossier, "parcours", niveaux_parcours(), liste(noms),
                    "les niveaux de parcours", "niveau de parcours")


@etape("Alors", R, "le parcours de soins | de santé | de vie est concerné | n'est pas concerné",
       r"le (?P<nom>parcours de (?:soins|santé|vie)) (?P<negation>n')?est (?:pas )?concerné",
       "Et le parcours de vie est concerné", "Et le parcours de soins n'est pas concerné")
def _parcours(dossier: Dossier, nom: str, negation: str | None) -> None:
    """`parcours` contient — ou ne contient pas — le niveau nommé."""
    _appartient(dossier, "parcours", niveaux_parcours(), nom, not negation, "le",
                "est concerné", "n'est pas concerné", "niveau de parcours")


R = "Acteurs (clusters)"


@etape("Alors", R, "le cluster « <nom> » est proposé | n'est pas proposé",
       rf"le cluster {GUILLEMETS.format('nom')} (?P<negation>n')?est (?:pas )?proposé",
       "Et le cluster « Hôpital » est proposé",
       "Et le cluster « Médico-social à domicile » n'est pas proposé")
def _cluster(dossier: Dossier, nom: str, negation: str | None) -> None:
    """`clusters` contient — ou ne contient pas — le cluster nommé (libellé ou identifiant)."""
    _appartient(dossier, "clusters", clusters(), nom, not negation, "le cluster",
                "est proposé", "n'est pas proposé", "cluster")


@etape("Alors", R, "le cluster « <nom> » est proposé avec « <acteur> »[, « <acteur> »…]",
       rf"le cluster {GUILLEMETS.format('nom')} est proposé avec (?P<noms>«.+»)",
       "Et le cluster « Médico-social à domicile » est proposé avec « SAD aide »",
       "Et le cluster « Médecine de ville » est proposé avec « Médecin traitant » et "
       "« Pharmacien d'officine »")
def _cluster_avec(dossier: Dossier, nom: str, noms: str) -> None:
    """Le cluster nommé est proposé et ses acteurs comprennent ceux nommés (d'autres acteurs
    peuvent s'y ajouter)."""
    cid = _trouver(nom, clusters(), "cluster")
    du_cluster = referentiel().catalogue.clusters[cid].acteurs
    voulus = [_trouver(a, du_cluster, f"acteur du cluster « {clusters()[cid]} »")
              for a in liste(noms)]
    o = dossier.orientation()
    propose = next((c for c in o.clusters if c.id == cid), None)
    presents = [a.id for a in propose.acteurs] if propose else []
    manquants = [du_cluster[a] for a in voulus if a not in presents]
    verifier(dossier, propose is not None and not manquants,
             f"le cluster « {clusters()[cid]} » est proposé avec "
             + ", ".join(f"« {du_cluster[a]} »" for a in voulus),
             "ce cluster n'est pas proposé" if propose is None else
             f"il est proposé sans {', '.join(f'« {m} »' for m in manquants)} (acteurs : "
             f"{', '.join(a.libelle for a in propose.acteurs)})")


@etape("Alors", R, "aucun cluster n'est proposé", r"aucun cluster n'est proposé")
def _aucun_cluster(dossier: Dossier) -> None:
    """`clusters` est vide."""
    o = dossier.orientation()
    verifier(dossier, not o.clusters, "aucun cluster n'est proposé",
             f"clusters proposés : {', '.join(c.libelle for c in o.clusters)}")


@etape("Alors", R, "l'acteur « <nom> » est proposé | n'est pas proposé",
       rf"l'acteur {GUILLEMETS.format('nom')} (?P<negation>n')?est (?:pas )?proposé",
       "Et l'acteur « Pharmacien d'officine » est proposé",
       "Et l'acteur « EHPAD » n'est pas proposé")
def _acteur(dossier: Dossier, nom: str, negation: str | None) -> None:
    """Un acteur (libellé ou identifiant) est — ou n'est pas — proposé, dans quelque cluster
    que ce soit."""
    tous = acteurs()
    aid = _trouver(nom, tous, "acteur")
    o = dossier.orientation()
    present = any(a.id == aid for c in o.clusters for a in c.acteurs)
    verifier(dossier, present != bool(negation),
             f"l'acteur « {tous[aid]} » {'n’est pas' if negation else 'est'} proposé",
             f"il {'est' if present else 'n’est pas'} proposé")


R = "Fonctions d'appui"


@etape("Alors", R, "la fonction d'appui « <nom> » est proposée | n'est pas proposée",
       rf"la fonction d'appui {GUILLEMETS.format('nom')} (?P<negation>n')?est (?:pas )?proposée",
       "Et la fonction d'appui « DAC – réponse globale » est proposée",
       "Et la fonction d'appui « gestion_de_cas » n'est pas proposée")
def _appui(dossier: Dossier, nom: str, negation: str | None) -> None:
    """`appuis` contient — ou ne contient pas — la fonction d'appui nommée."""
    _appartient(dossier, "appuis", appuis(), nom, not negation, "la fonction d'appui",
                "est proposée", "n'est pas proposée", "fonction d'appui")


@etape("Alors", R, "les fonctions d'appui proposées sont : « <nom> »[, « <nom> »…] | aucune "
       "fonction d'appui n'est proposée",
       r"les fonctions d'appui proposées sont : (?P<noms>«.+»)|(?P<aucune>aucune) fonction "
       r"d'appui n'est proposée", "Et aucune fonction d'appui n'est proposée")
def _appuis_exacts(dossier: Dossier, noms: str | None, aucune: str | None) -> None:
    """`appuis` est exactement la liste nommée."""
    _ensemble_exact(dossier, "appuis", appuis(), [] if aucune else liste(noms or ""),
                    "les fonctions d'appui proposées", "fonction d'appui")


R = "Alertes"


@etape("Alors", R, "l'alerte « <nom> » est levée | n'est pas levée",
       rf"l'alerte {GUILLEMETS.format('nom')} (?P<negation>n')?est (?:pas )?levée",
       "Et l'alerte « urgence » est levée",
       "Et l'alerte « sans médecin traitant » n'est pas levée",
       "Et l'alerte « Sortie d'hospitalisation prévue » est levée")
def _alerte(dossier: Dossier, nom: str, negation: str | None) -> None:
    """`alertes` contient — ou ne contient pas — l'alerte nommée (identifiant, ou début de son
    message)."""
    _appartient(dossier, "alertes", alertes(), nom, not negation, "l'alerte", "est levée",
                "n'est pas levée", "alerte")


@etape("Alors", R, "aucune alerte n'est levée", r"aucune alerte n'est levée")
def _aucune_alerte(dossier: Dossier) -> None:
    """`alertes` est vide."""
    _ensemble_exact(dossier, "alertes", alertes(), [], "les alertes levées", "alerte")


_ARTICLE = r"(?:(?:le|la|les) |l'|l’)?"


def _cite(message: str, texte: str) -> bool:
    """Le message contient-il ``texte`` comme mot entier ? Accents, majuscules, tirets,
    apostrophes et espaces (insécables compris) ne comptent pas ; « 15 » ne se lit pas dans
    « 115 » ni « 119 » dans « L119-1 »."""
    cherche = cle(texte)
    return bool(cherche) and re.search(rf"(?<![0-9a-z]){re.escape(cherche)}(?![0-9a-z])",
                                       cle(message)) is not None


def _textes(textes: str) -> list[str]:
    trouves = liste(textes)
    if not trouves or "«" not in textes:
        raise PhraseIncomprise(f"« {textes.strip()} » : écrivez chaque numéro ou mention entre "
                               "guillemets, par exemple « 119 » et « CRIP ».")
    return trouves


def _citations(messages: list[str], textes: list[str]) -> tuple[list[str], list[str]]:
    """Les textes cités par au moins un des messages, et ceux qu'aucun ne cite."""
    cites = [t for t in textes if any(_cite(m, t) for m in messages)]
    return cites, [t for t in textes if t not in cites]


def _guillemets(textes: Iterable[str]) -> str:
    return " et ".join(f"« {t} »" for t in textes)


@etape("Alors", R, "l'alerte « <nom> » cite [le] « <numéro ou mention> »[ et « … »] | ne cite "
       "pas « … »",
       rf"l'alerte {GUILLEMETS.format('nom')} (?P<negation>ne )?cite (?:pas )?(?P<textes>.+)",
       "Et l'alerte « maltraitance » cite le « 3977 » et le « 119 »",
       "Et l'alerte « enfant en danger » cite « CRIP » et « procureur »",
       "Et l'alerte « enfant en danger » ne cite pas le « 3977 »")
def _alerte_cite(dossier: Dossier, nom: str, negation: str | None, textes: str) -> None:
    """L'alerte nommée est levée et son `message` contient — ou ne contient pas — chaque
    numéro ou mention entre guillemets (mot entier : « 15 » n'est pas lu dans « 115 » ;
    accents, majuscules, tirets et espaces ne comptent pas)."""
    tous = alertes()
    aid = _trouver(nom, tous, "alerte")
    voulus = _textes(textes)
    o = dossier.orientation()
    alerte = next((a for a in o.alertes if a.id == aid), None)
    attendu = (f"l'alerte « {tous[aid]} » est levée et "
               f"{'ne cite pas' if negation else 'cite'} {_guillemets(voulus)}")
    if alerte is None:
        verifier(dossier, False, attendu, f"l'alerte « {tous[aid]} » n'est pas levée")
        return
    cites, absents = _citations([alerte.message], voulus)
    fautifs = cites if negation else absents
    verifier(dossier, not fautifs, attendu,
             f"son message {'cite' if negation else 'ne cite pas'} {_guillemets(fautifs)} : "
             f"« {alerte.message} »")


@etape("Alors", R, "un message d'alerte cite « <numéro ou mention> »[ et « … »] | aucun "
       "message d'alerte ne cite « … »",
       rf"(?:(?P<un>(?:un|le) message d'alerte|les messages d'alerte) (?:cite|contient|citent|"
       rf"contiennent) |(?P<aucun>aucun message d'alerte ne (?:cite|contient) )){_ARTICLE}"
       r"(?P<textes>«.+)",
       "Et un message d'alerte cite le « 3919 »",
       "Et le message d'alerte contient « 3114 » et « 15 »",
       "Et aucun message d'alerte ne cite le « 119 »")
def _message_alerte(dossier: Dossier, un: str | None, aucun: str | None, textes: str) -> None:
    """Chaque numéro ou mention entre guillemets figure dans le `message` d'au moins une
    alerte levée (pas forcément la même) — ou, avec « aucun », dans aucun (mot entier, comme
    ci-dessus)."""
    voulus = _textes(textes)
    o = dossier.orientation()
    messages = [a.message for a in o.alertes]
    cites, absents = _citations(messages, voulus)
    fautifs = cites if aucun else absents
    lus = "\n".join(f"  - {a.id} : « {a.message} »" for a in o.alertes) or "  aucune alerte"
    verifier(dossier, not fautifs,
             f"{'aucun' if aucun else 'un'} message d'alerte "
             f"{'ne cite' if aucun else 'cite'} {_guillemets(voulus)}",
             f"{_guillemets(fautifs)} {'est cité' if aucun else 'n’est cité par aucune alerte'}"
             f" ; messages des alertes levées :\n{lus}")


R = "Scores des instruments"
_SCORES = {c.removeprefix("scores."): ch.libelle for c, ch in CHAMPS.items()
           if c.startswith("scores.") and c.removeprefix("scores.") in Scores.model_fields}


def _score(dossier: Dossier, nom: str, attendu: str | None) -> None:
    """Compare un score (nombre à 0,01 près, ou libellé de valeur) ; ``None`` : non calculé."""
    o = dossier.orientation()
    valeur = getattr(o.scores, nom)
    lisible = f"{_SCORES[nom]} = {valeur_lisible(valeur)}"
    if attendu is None:
        verifier(dossier, valeur is None, f"{_SCORES[nom]} : non calculé", lisible)
        return
    if isinstance(valeur, int | float) and not isinstance(valeur, bool) and \
            re.fullmatch(r"\d+(?:[,.]\d+)?", attendu):
        egal = abs(valeur - float(attendu.replace(",", "."))) < 0.005
    elif isinstance(valeur, bool) or valeur is None:
        egal = valeur is not None and cle(attendu) == cle(valeur_lisible(valeur))
    else:
        egal = cle(attendu) in (cle(str(valeur)), cle(valeur_lisible(valeur)))
    verifier(dossier, egal, f"{_SCORES[nom]} = {attendu}", lisible)


@etape("Alors", R, "le score EPICES vaut <nombre>",
       r"le score EPICES vaut (?P<valeur>\d+(?:[,.]\d+)?)", "Et le score EPICES vaut 75,14")
def _epices_score(dossier: Dossier, valeur: str) -> None:
    """`scores.epices` vaut le nombre (à 0,01 près ; virgule ou point)."""
    _score(dossier, "epices", valeur)


@etape("Alors", R, "la précarité est repérée par EPICES | n'est pas repérée par EPICES",
       r"la précarité (?P<negation>n')?est (?:pas )?repérée par EPICES",
       "Et la précarité est repérée par EPICES")
def _precarite(dossier: Dossier, negation: str | None) -> None:
    """`scores.epices_precarite` vaut oui, ou non avec « n'est pas »."""
    _score(dossier, "epices_precarite", "non" if negation else "oui")


@etape("Alors", R, "le score du mini-Zarit vaut <nombre>",
       r"le score du mini-Zarit vaut (?P<valeur>\d+(?:[,.]\d+)?)",
       "Et le score du mini-Zarit vaut 3,5")
def _zarit_score(dossier: Dossier, valeur: str) -> None:
    """`scores.mini_zarit` vaut le nombre."""
    _score(dossier, "mini_zarit", valeur)


@etape("Alors", R, "le fardeau de l'aidant est « <bande> »",
       rf"le fardeau de l'aidant est {GUILLEMETS.format('bande')}",
       "Et le fardeau de l'aidant est « modéré à sévère »")
def _fardeau(dossier: Dossier, bande: str) -> None:
    """`scores.mini_zarit_fardeau` : absent ou léger, léger à modéré, modéré à sévère, sévère."""
    _score(dossier, "mini_zarit_fardeau", bande)


@etape("Alors", R, "le GIR vaut <n>[, calculé par la grille AGGIR | , saisi]",
       r"le GIR vaut (?P<gir>\d)(?:, (?P<source>calculé par la grille AGGIR|saisi))?",
       "Et le GIR vaut 4, calculé par la grille AGGIR", "Et le GIR vaut 2")
def _gir_score(dossier: Dossier, gir: str, source: str | None) -> None:
    """`scores.gir` vaut le nombre (et `scores.gir_source` vaut `aggir` ou `saisi`)."""
    _score(dossier, "gir", gir)
    if source:
        _score(dossier, "gir_source", "aggir" if source.startswith("calculé") else "saisi")


@etape("Alors", R, "la fragilité est « <conclusion> »",
       rf"la fragilité est {GUILLEMETS.format('conclusion')}",
       "Et la fragilité est « à confirmer par le clinicien »", "Et la fragilité est « fragile »")
def _fragilite(dossier: Dossier, conclusion: str) -> None:
    """`scores.fragilite` : non repérée, à confirmer par le clinicien, fragile, non fragile."""
    _score(dossier, "fragilite", conclusion)


@etape("Alors", R, "le score « <libellé> » vaut « <valeur> » | n'est pas calculé",
       rf"le score {GUILLEMETS.format('nom')} (?:vaut {GUILLEMETS.format('valeur')}|"
       r"(?P<absent>n'est pas calculé))",
       "Et le score « score EPICES » n'est pas calculé",
       "Et le score « origine du GIR » vaut « saisi »")
def _score_libre(dossier: Dossier, nom: str, valeur: str | None, absent: str | None) -> None:
    """Tout score de `scores`, nommé par son libellé ou son identifiant."""
    _score(dossier, _trouver(nom, _SCORES, "score"), None if absent else valeur)


R = "Raisons (règles appliquées)"


@etape("Alors", R, "la règle <R-…> | « <titre> » fait partie des raisons | n'en fait pas partie",
       r"la règle (?:(?P<ident>R-[A-Z0-9-]+)|" + GUILLEMETS.format("titre")
       + r") (?:(?P<oui>fait partie des raisons)|ne fait pas partie des raisons)",
       "Et la règle R-SANTE-POLYMEDICATION fait partie des raisons",
       "Et la règle « Polymédication (10 médicaments ou plus) : revoir la médication » ne fait "
       "pas partie des raisons")
def _regle(dossier: Dossier, ident: str | None, titre: str | None, oui: str | None) -> None:
    """`explications` contient — ou ne contient pas — la règle (identifiant ou titre)."""
    _appartient(dossier, "regles", regles(), ident or titre or "", bool(oui), "la règle",
                "fait partie des raisons", "ne fait pas partie des raisons", "règle")


@etape("Alors", R, "aucune règle ne s'applique", r"aucune règle ne s'applique")
def _aucune_regle(dossier: Dossier) -> None:
    """`explications` est vide : le parcours habituel suffit."""
    _ensemble_exact(dossier, "regles", regles(), [], "les règles appliquées", "règle")


R = "À compléter"


def informations() -> dict[str, str]:
    return {c: ch.libelle for c, ch in CHAMPS.items()}


@etape("Alors", R, "l'information « <libellé> » est à compléter | n'est pas à compléter",
       rf"l'information {GUILLEMETS.format('nom')} (?P<negation>n')?est (?:pas )?à compléter",
       "Et l'information « repérage de la fragilité (GFST) » n'est pas à compléter",
       "Et l'information « GIR » est à compléter")
def _a_completer(dossier: Dossier, nom: str, negation: str | None) -> None:
    """`a_completer` contient — ou ne contient pas — l'information nommée (libellé ou chemin
    du champ) : une information absente qui trancherait une règle encore indécise."""
    _appartient(dossier, "a_completer", informations(), nom, not negation, "l'information",
                "est à compléter", "n'est pas à compléter", "information")


R = "Saisie refusée"


@etape("Alors", R, "la situation est refusée : « <extrait du message> »",
       rf"la situation est refusée : {GUILLEMETS.format('extrait')}",
       "Alors la situation est refusée : « la grille AGGIR donne le GIR 4 »")
def _refus(dossier: Dossier, extrait: str) -> None:
    """La saisie est invalide (comme `orientation screen`, code 2) et un message contient
    l'extrait."""
    if dossier.refus is None:
        raise EcartConstate(f"Attendu : la situation est refusée (« {extrait} »)\n"
                            "Constaté : elle a été acceptée et évaluée.\n\n"
                            f"Le moteur a conclu :\n{conclusion_lisible(dossier.orientation())}")
    if not any(extrait in m for m in dossier.refus):
        raise EcartConstate(f"Attendu : un message de refus contenant « {extrait} »\n"
                            "Constaté : " + " ; ".join(dossier.refus))


# --- Comparaisons partagées ---------------------------------------------------------------------


def _conclus(o: Orientation, sorte: str) -> list[str]:
    if sorte == "regles":
        return o.regles_tirees
    if sorte == "a_completer":
        return [a.champ for a in o.a_completer]
    if sorte in ("secteurs", "parcours"):
        return list(getattr(o, sorte))
    return [x.id for x in getattr(o, sorte)]


def _appartient(dossier: Dossier, sorte: str, connus: dict[str, str], nom: str, present: bool,
                sujet: str, oui: str, non: str, quoi: str) -> None:
    ident = _trouver(nom, connus, quoi)
    o = dossier.orientation()
    valeurs = _conclus(o, sorte)
    libelle = connus[ident]
    verifier(dossier, (ident in valeurs) == present,
             f"{sujet} « {libelle} » {oui if present else non}",
             f"{sujet} « {libelle} » {oui if ident in valeurs else non}")


def _ensemble_exact(dossier: Dossier, sorte: str, connus: dict[str, str], noms: list[str],
                    sujet: str, quoi: str) -> None:
    voulus = [_trouver(n, connus, quoi) for n in noms]
    o = dossier.orientation()
    valeurs = _conclus(o, sorte)

    def lisible(ids: Iterable[str]) -> str:
        return ", ".join(connus[i] for i in ids) or "aucun"

    verifier(dossier, set(voulus) == set(valeurs), f"{sujet} : {lisible(voulus)}",
             f"{sujet} : {lisible(valeurs)}")


# --- La documentation ---------------------------------------------------------------------------


def glossaire_markdown() -> str:
    """La partie générée de ``features/README.md`` : chaque phrase, un exemple, son effet."""
    lignes = [DEBUT, "", f"{len(GLOSSAIRE)} phrases. Les mots entre < > se remplacent ; « | » "
              "sépare des variantes ; *il*, *elle*, *l'enfant*, *le patient*, *la patiente* "
              "s'emploient indifféremment.", ""]
    for mot_cle, titre in (("Soit", "Soit / Et : la situation"), ("Quand", "Quand : évaluer"),
                           ("Alors", "Alors / Et : ce que l'outil doit conclure")):
        lignes += [f"### {titre}", ""]
        rubriques = list(dict.fromkeys(p.rubrique for p in GLOSSAIRE if p.mot_cle == mot_cle))
        for rubrique in rubriques:
            lignes += [f"#### {rubrique}", "", "| phrase | exemple | effet |", "|---|---|---|"]
            for p in GLOSSAIRE:
                if p.mot_cle == mot_cle and p.rubrique == rubrique:
                    cellules = (p.modele, "<br>".join(p.exemples), p.effet)
                    lignes.append("| " + " | ".join(c.replace("|", "\\|") for c in cellules)
                                  + " |")
            lignes.append("")
    lignes.append(FIN)
    return "\n".join(lignes)


def readme_a_jour(texte: str) -> str:
    """Le README avec sa partie générée remplacée par le glossaire actuel."""
    debut, fin = texte.index(DEBUT), texte.index(FIN) + len(FIN)
    return texte[:debut] + glossaire_markdown() + texte[fin:]


if __name__ == "__main__":
    README_FEATURES.write_text(readme_a_jour(README_FEATURES.read_text(encoding="utf-8")),
                               encoding="utf-8")
    print(f"{README_FEATURES} : {len(GLOSSAIRE)} phrases.")


def phrases_proches(texte: str, n: int = 3) -> list[str]:
    """Les exemples du glossaire les plus proches d'une phrase inconnue."""
    exemples = {re.sub(r"^(?:Soit|Et|Quand|Alors) ", "", e): e
                for p in GLOSSAIRE for e in p.exemples}
    return [exemples[e] for e in difflib.get_close_matches(texte, list(exemples), n=n,
                                                           cutoff=0.5)]
