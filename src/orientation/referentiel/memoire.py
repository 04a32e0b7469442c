"""Un référentiel en mémoire : essayer un paramètre modifié ou un dossier de règles reçu en
zip sans rien écrire sur disque.

``charger_referentiel`` lit un dossier par ``iterdir``, ``/``, ``is_file`` et ``read_text``
(l'interface ``importlib.resources.abc.Traversable``) : ``DossierEnMemoire`` la fournit sur
un dictionnaire nom → octets. Les mêmes fichiers donnent donc le même référentiel, validé par
le même chargeur, avec les mêmes messages (fichier, ligne, règle).

Un zip reçu est lu avec des bornes (nombre de fichiers, taille de chacun et du tout, lue et
non déclarée) : une bombe est refusée en français avant d'être décompressée en entier.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from orientation.referentiel.modele import ErreurReferentiel

FICHIERS_MAX = 200
TAILLE_MAX_FICHIER = 2_000_000  # octets, une fois décompressé
TAILLE_MAX_TOTALE = 10_000_000
TAILLE_MAX_ZIP = 10_000_000


class FichierEnMemoire:
    """Un fichier d'un ``DossierEnMemoire`` (présent ou non)."""

    def __init__(self, dossier: DossierEnMemoire, nom: str):
        self._dossier = dossier
        self.name = nom

    def is_file(self) -> bool:
        return self.name in self._dossier.fichiers

    def is_dir(self) -> bool:
        return False

    def read_bytes(self) -> bytes:
        try:
            return self._dossier.fichiers[self.name]
        except KeyError:
            raise FileNotFoundError(str(self)) from None

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def __str__(self) -> str:
        return f"{self._dossier}/{self.name}"


class DossierEnMemoire:
    """Un dossier de règles en mémoire : nom de fichier (sans sous-dossier) → contenu."""

    def __init__(self, fichiers: Mapping[str, bytes], nom: str = "rules"):
        self.fichiers = dict(sorted(fichiers.items()))
        self.name = nom

    def is_dir(self) -> bool:
        return True

    def is_file(self) -> bool:
        return False

    def iterdir(self) -> Iterator[FichierEnMemoire]:
        return (FichierEnMemoire(self, nom) for nom in self.fichiers)

    def joinpath(self, nom: str) -> FichierEnMemoire:
        return FichierEnMemoire(self, nom)

    __truediv__ = joinpath

    def __str__(self) -> str:
        return f"{self.name} (en mémoire)"

    def texte(self, nom: str) -> str:
        return self.fichiers[nom].decode("utf-8")

    def remplacer(self, nom: str, texte: str) -> DossierEnMemoire:
        """Une copie où le fichier ``nom`` a ce contenu."""
        return DossierEnMemoire({**self.fichiers, nom: texte.encode("utf-8")}, self.name)


def depuis_dossier(dossier: Path | str) -> DossierEnMemoire:
    """Les ``.yaml`` d'un dossier de règles, lus en mémoire."""
    dossier = Path(dossier)
    if not dossier.is_dir():
        raise ErreurReferentiel([f"{dossier} : dossier de règles introuvable"])
    return DossierEnMemoire({p.name: p.read_bytes() for p in sorted(dossier.glob("*.yaml"))
                             if p.is_file()}, dossier.name)


def depuis_zip(octets: bytes, nom: str = "règles.zip") -> DossierEnMemoire:
    """Le dossier de règles d'un zip : celui qui contient ``catalogue.yaml`` (à la racine ou
    dans un seul sous-dossier, comme quand on compresse le dossier ``rules/`` lui-même)."""
    if len(octets) > TAILLE_MAX_ZIP:
        raise ErreurReferentiel([f"{nom} : archive trop grande ({len(octets)} octets ; au plus "
                                 f"{TAILLE_MAX_ZIP})"])
    try:
        archive = zipfile.ZipFile(io.BytesIO(octets))
    except (zipfile.BadZipFile, ValueError):
        raise ErreurReferentiel([f"{nom} : ce n'est pas une archive zip lisible"]) from None
    with archive:
        entrees = [i for i in archive.infolist() if not i.is_dir()
                   and not i.filename.startswith("__MACOSX/")
                   and PurePosixPath(i.filename).suffix == ".yaml"]
        if len(entrees) > FICHIERS_MAX:
            raise ErreurReferentiel([f"{nom} : {len(entrees)} fichiers YAML ; au plus "
                                     f"{FICHIERS_MAX}"])
        catalogues = [PurePosixPath(i.filename).parent for i in entrees
                      if PurePosixPath(i.filename).name == "catalogue.yaml"]
        if len(catalogues) != 1:
            raise ErreurReferentiel([f"{nom} : l'archive doit contenir un seul catalogue.yaml "
                                     f"(trouvés : {len(catalogues)})"])
        racine = catalogues[0]
        fichiers: dict[str, bytes] = {}
        total = 0
        for info in entrees:
            chemin = PurePosixPath(info.filename)
            if chemin.parent != racine:
                continue  # un sous-dossier n'est pas lu, comme par le chargeur
            if info.file_size > TAILLE_MAX_FICHIER:
                raise _trop_grand(nom, chemin.name)
            with archive.open(info) as flux:
                contenu = flux.read(TAILLE_MAX_FICHIER + 1)
            if len(contenu) > TAILLE_MAX_FICHIER:
                raise _trop_grand(nom, chemin.name)
            total += len(contenu)
            if total > TAILLE_MAX_TOTALE:
                raise ErreurReferentiel([f"{nom} : plus de {TAILLE_MAX_TOTALE} octets une fois "
                                         "décompressée"])
            fichiers[chemin.name] = contenu
    return DossierEnMemoire(fichiers, racine.name or "rules")


def _trop_grand(nom: str, fichier: str) -> ErreurReferentiel:
    return ErreurReferentiel([f"{nom} : {fichier} dépasse {TAILLE_MAX_FICHIER} octets une fois "
                              "décompressé"])


def vers_zip(dossier: DossierEnMemoire) -> bytes:
    """Le dossier en archive zip (fichiers sous ``<nom>/``), pour le télécharger."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, contenu in dossier.fichiers.items():
            info = zipfile.ZipInfo(f"{dossier.name}/{nom}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, contenu)
    return tampon.getvalue()


# --- Changer la valeur d'un paramètre -----------------------------------------------------------


def _texte_valeur(valeur: float | int) -> str:
    if isinstance(valeur, bool) or not isinstance(valeur, int | float) or not math.isfinite(valeur):
        raise ValueError(f"valeur « {valeur} » : un nombre fini est attendu")
    return str(int(valeur)) if float(valeur).is_integer() else repr(float(valeur))


def changer_parametre(texte: str, nom: str, valeur: float | int) -> str:
    """Le texte de ``parametres.yaml`` où ``nom`` a la valeur donnée ; le reste (commentaires,
    sources, dates) est gardé tel quel. ``KeyError`` si le paramètre n'y est pas."""
    nouveau = _texte_valeur(valeur)
    lignes = texte.splitlines(keepends=True)
    entete = re.compile(rf"^{re.escape(nom)}\s*:\s*(#.*)?$")
    dedans = False
    for i, ligne in enumerate(lignes):
        if entete.match(ligne.rstrip("\r\n")):
            dedans = True
            continue
        if dedans:
            if ligne.strip() and not ligne[0].isspace() and not ligne.startswith("#"):
                break  # paramètre suivant : « valeur » manquait
            trouve = re.match(r"^(\s+valeur\s*:\s*)([^#\r\n]*?)(\s*(#.*)?)(\r?\n)?$", ligne)
            if trouve:
                lignes[i] = (trouve.group(1) + nouveau + trouve.group(3)
                             + (trouve.group(5) or ""))
                return "".join(lignes)
    raise KeyError(nom)


def avec_parametres(dossier: DossierEnMemoire, valeurs: Mapping[str, float | int]
                    ) -> DossierEnMemoire:
    """Une copie du dossier où chaque paramètre nommé a la nouvelle valeur."""
    texte = dossier.texte("parametres.yaml")
    for nom, valeur in valeurs.items():
        try:
            texte = changer_parametre(texte, nom, valeur)
        except KeyError:
            raise ErreurReferentiel([f"parametres.yaml : paramètre inconnu « {nom} »"]) from None
        except ValueError as e:
            raise ErreurReferentiel([f"parametres.yaml : paramètre « {nom} » : {e}"]) from None
    return dossier.remplacer("parametres.yaml", texte)
