# language: fr
Fonctionnalité: Les fonctions d'appui
  Le DAC et ses trois missions (CSP L6327-2), la coordination de proximité, la gestion de
  cas, l'équipe mobile de gériatrie : proposés selon ce que les autres règles ont conclu
  (rules/appuis.yaml).

  @R-APPUI-DAC-PARCOURS-COMPLEXE
  Règle: Tout parcours complexe ouvre droit à l'appui du DAC, sans critère d'âge

    Plan du scénario: Parcours complexe à <âge> ans : appui du DAC
      Soit une personne de <âge> ans
      Et elle a un handicap rare
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la règle R-APPUI-DAC-PARCOURS-COMPLEXE fait partie des raisons

      Exemples:
        | âge |
        | 17  |
        | 45  |
        | 92  |

  @R-APPUI-COORDINATION-PROXIMITE
  Règle: Un plan personnalisé de santé se construit d'abord au plus près

    Scénario: PPS : le médecin traitant coordonne avec la maison de santé et la CPTS
      Soit une patiente de 80 ans
      Et elle prend 11 médicaments par jour
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et la fonction d'appui « Coordination de proximité » est proposée
      Et le cluster « Médecine de ville » est proposé avec « Médecin traitant », « Maison de santé pluriprofessionnelle » et « Communauté professionnelle territoriale de santé (CPTS) »
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée

  @R-APPUI-GESTION-DE-CAS
  Règle: La gestion de cas réunit trois critères : instabilité, aides insuffisantes, pas d'entourage capable

    Contexte:
      Soit une patiente de 78 ans
      Et elle est en GIR 3
      Et sa pathologie chronique n'est pas stabilisée
      Et son autonomie décisionnelle est altérée
      Et ses aides à domicile sont insuffisantes

    Scénario: Les trois critères réunis
      Sachant que son aidante est épuisée
      Quand on évalue sa situation
      Alors la fonction d'appui « Gestion de cas » est proposée
      Et le parcours est complexe

    Scénario: Un entourage capable de coordonner : pas de gestion de cas
      Sachant que son aidant est présent
      Quand on évalue sa situation
      Alors la fonction d'appui « Gestion de cas » n'est pas proposée
      Et la fonction d'appui « DAC – réponse globale » est proposée

  @R-APPUI-EQUIPE-MOBILE-GERIATRIE
  Règle: Après 75 ans, l'équipe mobile de gériatrie évalue les situations à risque

    Plan du scénario: Équipe mobile de gériatrie à <âge> ans : <motif>
      Soit une patiente de <âge> ans
      Et <motif>
      Quand on évalue sa situation
      Alors la fonction d'appui « Équipe mobile de gériatrie » <proposition>

      Exemples:
        | âge | motif                                                          | proposition        |
        | 75  | sa sortie d'hospitalisation est prévue                         | est proposée       |
        | 74  | sa sortie d'hospitalisation est prévue                         | n'est pas proposée |
        | 88  | elle a eu 2 hospitalisations non programmées en 6 mois         | est proposée       |
        | 88  | elle a eu 1 hospitalisation non programmée en 6 mois           | n'est pas proposée |

    Scénario: Troubles cognitifs et aides insuffisantes
      Soit un patient de 81 ans
      Et il a des troubles cognitifs
      Et ses aides à domicile sont insuffisantes
      Quand on évalue sa situation
      Alors la fonction d'appui « Équipe mobile de gériatrie » est proposée

  @R-APPUI-DAC-DEJA-EN-PLACE
  Règle: Un appui déjà en place est recontacté plutôt que de multiplier les intervenants

    Scénario: Déjà suivie par le DAC, rien d'autre n'est renseigné
      # Le DAC ne suit que des parcours jugés complexes par un professionnel : ce n'est pas
      # un parcours simple ; on recontacte le DAC plutôt que d'en solliciter un autre.
      Soit une patiente de 66 ans
      Et elle est déjà suivie par le DAC
      Quand on évalue sa situation
      Alors la fonction d'appui « DAC – réponse globale » est proposée
      Et le parcours est complexe
      Et le parcours n'est pas simple

  @R-APPUI-CARENCE-MEDECIN-TRAITANT
  Règle: Un parcours complexe sans médecin traitant révèle une carence à signaler

    Plan du scénario: Parcours complexe sans médecin traitant à <âge> ans
      Soit une personne de <âge> ans
      Et elle n'a pas de médecin traitant déclaré
      Et elle a un handicap rare
      Quand on évalue sa situation
      Alors la fonction d'appui « DAC – coordination territoriale » <proposition>

      Exemples:
        | âge | proposition        |
        | 15  | n'est pas proposée |
        | 40  | est proposée       |
