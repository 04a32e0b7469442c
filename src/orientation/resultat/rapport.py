"""Le résultat d'un repérage mis en mots, pour un médecin : d'abord le niveau, puis les
alertes, les acteurs à mobiliser, les fonctions d'appui, et enfin les raisons."""

from __future__ import annotations

from typing import Any

from orientation.referentiel import Referentiel, referentiel_par_defaut
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat.modele import Contact, Orientation
from orientation.situation.faits import CHAMPS


def valeur_lisible(valeur: Any) -> str:
    """Une valeur de la situation en français (oui/non, listes, nombres)."""
    v = vocabulaire()
    if valeur is None:
        return v.texte("non_renseigne")
    if isinstance(valeur, bool):
        return v.valeur("oui" if valeur else "non")
    if isinstance(valeur, list | tuple):
        return ", ".join(valeur_lisible(x) for x in valeur) or v.texte("liste_vide")
    if isinstance(valeur, float):
        return f"{valeur:g}".replace(".", ",")
    return v.valeur(valeur)


def motif(valeurs: dict[str, Any]) -> str:
    """« âge = 84 ; vit seul = oui » : les valeurs qui ont fait tirer une règle."""
    morceaux = []
    for chemin, valeur in valeurs.items():
        libelle = (CHAMPS[chemin].libelle if chemin in CHAMPS
                   else vocabulaire().conclusions.get(chemin.removeprefix("conclusion."), chemin))
        morceaux.append(f"{libelle} = {valeur_lisible(valeur)}")
    return " ; ".join(morceaux)


def verdict_epices(precarite: bool) -> str:
    return vocabulaire().texte("epices_precarite" if precarite else "epices_pas_de_precarite")


def scores_lisibles(o: Orientation) -> list[str]:
    """Les scores des instruments renseignés, une phrase chacun."""
    s, v = o.scores, vocabulaire()
    lignes = []
    if s.epices is not None:
        lignes.append(v.texte("score_epices", score=valeur_lisible(s.epices),
                              verdict=verdict_epices(bool(s.epices_precarite))))
    if s.mini_zarit is not None:
        lignes.append(v.texte("score_mini_zarit", score=valeur_lisible(s.mini_zarit),
                              bande=v.valeur(s.mini_zarit_fardeau)))
    if s.gir is not None:
        lignes.append(v.texte("score_gir", gir=s.gir, origine=v.valeur(s.gir_source)))
    if s.fragilite is not None:
        lignes.append(v.texte("score_fragilite", fragilite=v.valeur(s.fragilite)))
    return lignes


def entete_niveau(o: Orientation, referentiel: Referentiel) -> tuple[str, str]:
    """Le libellé du niveau et sa description (catalogue.yaml)."""
    info = referentiel.catalogue.niveaux[o.niveau]
    return info["libelle"], info["description"]


def libelles(sorte: str, ids: list[str], referentiel: Referentiel) -> str:
    """Les libellés de secteurs ou de parcours (catalogue.yaml), en minuscules."""
    table = getattr(referentiel.catalogue, sorte)
    return ", ".join(table[i][:1].lower() + table[i][1:] for i in ids)


def telephone_lisible(numero: str | None, espace: str = " ") -> str:
    """« 0474461420 » → « 04 74 46 14 20 » (``espace`` insécable dans un PDF : un numéro ne
    se coupe pas en fin de ligne) ; tout autre numéro tel quel."""
    if numero and len(numero) == 10 and numero.isdigit():
        return espace.join(numero[i:i + 2] for i in range(0, 10, 2))
    return (numero or "").replace(" ", espace)


def ligne_contact(c: Contact) -> str:
    """« NOM — tél. 04 74 46 14 20 — courriel — adresse — 2,3 km — FINESS 010780906 »."""
    v = vocabulaire()
    morceaux = [c.nom]
    if c.telephone:
        morceaux.append(v.texte("contact_telephone", telephone=telephone_lisible(c.telephone)))
    if c.courriel:
        morceaux.append(c.courriel)
    if c.adresse:
        morceaux.append(c.adresse)
    if c.distance_km is not None:
        morceaux.append(v.texte("contact_distance",
                                distance=f"{c.distance_km:.1f}".replace(".", ",")))
    if c.finess:
        morceaux.append(v.texte("contact_finess", finess=c.finess))
    return " — ".join(morceaux)


def lignes_lieu(o: Orientation) -> list[str]:
    """Où les contacts ont été cherchés et d'où ils viennent ; sans lieu, comment en avoir."""
    v = vocabulaire()
    if o.lieu is None:
        return [v.texte("contacts_aide")] if (o.clusters or o.appuis) else []
    lieu = " ".join(x for x in (o.lieu.saisi, o.lieu.nom) if x)
    lignes = [v.texte("contacts_pres_de", lieu=lieu)
              + (f" ({v.texte('contacts_distances')})" if o.lieu.distances else "")
              + f" ; {v.texte('sources').lower()} : "
              + " ; ".join(o.lieu.annuaire or [v.texte("liste_vide")])]
    if not o.lieu.commune:
        lignes.append(v.texte("contacts_commune_inconnue"))
    return lignes


def texte(o: Orientation, referentiel: Referentiel | None = None) -> str:
    """Le résumé en texte brut, lisible dans un terminal ou collé dans un dossier.

    Urgence d'abord : quand une règle conclut à l'urgence vitale, son alerte ouvre le texte
    et tout le reste est rangé sous « Après l'urgence » (REFERENTIEL.md § 4 : une urgence
    vitale passe par le centre 15, hors du parcours habituel)."""
    ref = referentiel or referentiel_par_defaut()
    v = vocabulaire()
    libelle, description = entete_niveau(o, ref)
    lignes: list[str] = []
    alertes = list(o.alertes)
    if o.urgence:
        urgentes = [a for a in alertes if a.id == "urgence"]
        alertes = [a for a in alertes if a.id != "urgence"]
        lignes += [f"!!! {a.message} !!!" for a in urgentes]
        lignes += ["", f"{v.texte('apres_urgence').upper()} — {v.texte('apres_urgence_aide')}",
                   ""]
    lignes.append(f"{libelle.upper()} — {description}")
    if alertes:
        lignes += ["", f"{v.texte('alertes')} :"]
        lignes += [f"  ! {a.message}" for a in alertes]
    if o.secteurs:
        lignes += ["", f"{v.texte('secteurs')} : {libelles('secteurs', o.secteurs, ref)}"]
    if o.parcours:
        lignes.append(f"{v.texte('parcours')} : {libelles('parcours', o.parcours, ref)}")
    if o.pps:
        lignes.append(v.texte("pps"))
    if o.clusters:
        lignes += ["", f"{v.texte('acteurs')} :"]
        for c in o.clusters:
            lignes.append(f"  - {c.libelle}")
            for a in c.acteurs:
                lignes.append(f"      · {a.libelle}")
                lignes += [f"          ☎ {ligne_contact(x)}" for x in a.contacts]
    if o.appuis:
        lignes += ["", f"{v.texte('appuis')} :"]
        for a in o.appuis:
            lignes.append(f"  - {a.libelle}")
            lignes += [f"      ☎ {ligne_contact(x)}" for x in a.contacts]
    lieu = lignes_lieu(o)
    if lieu:
        lignes += ["", *lieu]
    scores = scores_lisibles(o)
    if scores:
        lignes += ["", f"{v.texte('scores')} :"] + [f"  - {x}" for x in scores]
    if o.a_completer:
        lignes += ["", f"{v.texte('a_completer')} :"]
        lignes += [f"  - {majuscule(a.libelle)} → {', '.join(a.regles)}" for a in o.a_completer]
    lignes += ["", f"{v.texte('pourquoi')} :"]
    if not o.explications:
        lignes.append(f"  {v.texte('aucune_regle')}")
    for e in o.explications:
        lignes.append(f"  [{e.regle}] {e.titre}")
        if e.valeurs:
            lignes.append(f"      {v.texte('car', motif=motif(e.valeurs))}")
        sources = "; ".join(r.titre for r in e.references)
        lignes.append(f"      {v.texte('sources').lower()} : {sources}")
    lignes += ["", v.texte("referentiel", version=o.referentiel.version,
                           nb_regles=o.referentiel.nb_regles) + " " + v.texte("avertissement")]
    return "\n".join(lignes) + "\n"
