# language: fr
Fonctionnalité: Cas particuliers du parcours de soins coordonnés
  Urgence, absence de médecin traitant, sortie d'hospitalisation, soins hors de la résidence
  habituelle, enfants de moins de 16 ans, maltraitance suspectée : les situations où le
  parcours de soins coordonné s'adapte (rules/cas_particuliers.yaml ; CSS L162-5-3).

  @R-CAS-URGENCE-VITALE
  Règle: Des signes d'urgence vitale passent avant tout : appeler le 15

    Plan du scénario: Urgence vitale à <âge> ans, médecin traitant déclaré : <médecin>
      Soit une personne de <âge> ans
      Et « médecin traitant déclaré » vaut « <médecin> »
      Et elle présente des signes d'urgence vitale
      Quand on évalue sa situation
      Alors c'est une urgence
      Et l'alerte « urgence » est levée
      # CSP L6311-1 ; REFERENTIEL.md § 4 : « vital emergency → centre 15 (SAMU) ».
      Et l'alerte « urgence » cite le « 15 »
      Et le cluster « Hôpital » est proposé avec « SAMU – centre 15 » et « Service des urgences »

      Exemples:
        | âge | médecin |
        | 8   | non     |
        | 30  | non     |
        | 67  | oui     |

    Scénario: Sans signe d'urgence, rien ne s'applique
      Soit une patiente de 45 ans
      Quand on évalue sa situation
      Alors ce n'est pas une urgence
      Et aucune alerte n'est levée
      Et le parcours est simple
      Et aucune règle ne s'applique

  @R-CAS-SANS-MEDECIN-TRAITANT
  Règle: À partir de 16 ans, l'absence de médecin traitant est signalée

    Plan du scénario: Pas de médecin traitant à <âge> ans
      Soit une personne de <âge> ans
      Et elle n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors l'alerte « sans médecin traitant » <alerte>

      Exemples:
        | âge | alerte          |
        | 15  | n'est pas levée |
        | 16  | est levée       |
        | 45  | est levée       |

    Scénario: La CPTS, un centre de santé et la CPAM aident à trouver un médecin traitant
      Soit un patient de 30 ans
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors le cluster « Médecine de ville » est proposé avec « Communauté professionnelle territoriale de santé (CPTS) » et « Centre de santé »
      Et le cluster « Juridico-assuranciel » est proposé avec « Assurance maladie (CPAM) »
      Et l'alerte « Aucun médecin traitant déclaré » est levée
      # REFERENTIEL.md § 4 : « help: the CPAM's médiateur/conciliateur, the CPTS of the
      # territory ».
      Et l'alerte « sans médecin traitant » cite la « CPTS » et le « conciliateur »

    Scénario: Sans médecin traitant, rien d'autre : le parcours reste simple, l'alerte suffit
      Soit un patient de 45 ans
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors le parcours est simple
      Et l'alerte « sans médecin traitant » est levée

    Scénario: Un jeune majeur isolé et précaire sans médecin traitant n'est pas un parcours simple
      # CONTRACT.md : « simple » = le parcours habituel du médecin traitant suffit ; il n'y a
      # pas de médecin traitant, et des professionnels de deux secteurs sont à mobiliser
      # (CPTS pour en trouver un, REFERENTIEL.md § 4 ; service social) : coordonné (CSP
      # L6327-1, plusieurs catégories de professionnels).
      Soit un patient de 18 ans
      Et il n'a pas de médecin traitant déclaré
      Et il vit seul
      Et il est isolé
      Et il a des difficultés financières
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et un PPS est recommandé
      Et l'alerte « sans médecin traitant » est levée
      Et l'acteur « Communauté professionnelle territoriale de santé (CPTS) » est proposé

  @R-CAS-ENFANT-SANS-MEDECIN-TRAITANT
  Règle: Avant 16 ans, pas de pénalité sans médecin traitant : pas d'alerte, mais un relais

    Scénario: Un enfant de 10 ans sans médecin traitant
      Soit un enfant de 10 ans
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors aucune alerte n'est levée
      Et l'acteur « cpts » est proposé
      Et la règle R-CAS-ENFANT-SANS-MEDECIN-TRAITANT fait partie des raisons

  @R-CAS-SORTIE-HOSPITALISATION
  Règle: Une sortie d'hospitalisation se prépare avant la sortie

    Scénario: Retour à domicile après une hospitalisation
      Soit un patient de 45 ans
      Et sa sortie d'hospitalisation est prévue dans les prochains jours
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et l'alerte « Sortie d'hospitalisation prévue » est levée
      Et le cluster « Médecine de ville » est proposé avec « Médecin traitant », « Infirmier libéral » et « Pharmacien d'officine »

  @R-CAS-SORTIE-HOSPITALISATION-DEPENDANCE
  Règle: Une personne dépendante qui sort de l'hôpital a besoin de réadaptation ou d'aide organisée

    Plan du scénario: Sortie d'hospitalisation en GIR <gir>
      Soit une patiente de 70 ans
      Et elle est en GIR <gir>
      Et sa sortie d'hospitalisation est prévue
      Quand on évalue sa situation
      Alors l'acteur « Soins médicaux et de réadaptation (SMR) » <proposition>
      Et le parcours est coordonné

      Exemples:
        | gir | proposition       |
        | 3   | est proposé       |
        | 4   | est proposé       |
        | 5   | n'est pas proposé |

    Scénario: Sortie d'hospitalisation d'une personne dépendante qui vit seule, sans aidant
      Soit une patiente de 79 ans
      Et elle est en GIR 3
      Et elle vit seule
      Et elle n'a aucun aidant
      Et sa sortie d'hospitalisation est prévue
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée

    Scénario: Hébergement temporaire et SAD si le domicile n'est pas prêt
      Soit un patient de 82 ans
      Et il est en GIR 2
      Et sa sortie d'hospitalisation est prévue
      Quand on évalue sa situation
      Alors le cluster « Soins médicaux et de réadaptation (ex-SSR) et établissements spécialisés » est proposé avec « Hébergement temporaire »
      Et le cluster « Médico-social à domicile » est proposé avec « SAD aide » et « SAD soins (ex-SSIAD) »
      Et le parcours de santé est concerné

  @R-CAS-HORS-RESIDENCE
  Règle: Loin de chez elle, la personne reste dans le parcours de soins coordonnés

    Scénario: Soins pendant les vacances
      Soit une patiente de 40 ans
      Et elle consulte hors de sa résidence habituelle
      Quand on évalue sa situation
      Alors l'acteur « Médecin traitant » est proposé
      Et l'acteur « Assurance maladie (CPAM) » est proposé
      Et aucune alerte n'est levée
      Et le parcours est simple

  @R-CAS-ENFANT-PMI
  Règle: Avant six ans, la PMI assure le suivi préventif

    Plan du scénario: Un enfant de <âge> ans et la PMI
      Soit un enfant de <âge> ans
      Quand on évalue sa situation
      Alors l'acteur « Protection maternelle et infantile (PMI) » <proposition>

      Exemples:
        | âge | proposition       |
        | 0   | est proposé       |
        | 5   | est proposé       |
        | 6   | n'est pas proposé |

    Scénario: Un enfant de 3 ans en urgence vitale : la PMI n'est pas proposée à côté du 15
      Soit un enfant de 3 ans
      Et il présente des signes d'urgence vitale
      Quand on évalue sa situation
      Alors l'acteur « Protection maternelle et infantile (PMI) » n'est pas proposé
      Et l'acteur « SAMU – centre 15 » est proposé

  @R-CAS-ENFANT-SANTE-SCOLAIRE
  Règle: Un enfant d'âge scolaire malade ou handicapé : l'école est associée

    Plan du scénario: Un enfant diabétique de <âge> ans
      Soit un enfant de <âge> ans
      Et il a une maladie chronique : diabète
      Quand on évalue sa situation
      Alors l'acteur « Santé scolaire » <proposition>
      Et l'acteur « Éducation nationale » <proposition>

      Exemples:
        | âge | proposition       |
        | 5   | n'est pas proposé |
        | 6   | est proposé       |
        | 15  | est proposé       |
        | 16  | n'est pas proposé |

    Scénario: Un enfant handicapé de 9 ans : parcours de vie
      Soit un enfant de 9 ans
      Et il a un handicap sensoriel
      Et son handicap est reconnu par la MDPH
      Quand on évalue sa situation
      Alors le cluster « Prévention et dépistage » est proposé avec « Santé scolaire »
      Et le parcours de vie est concerné

  @R-CAS-MALTRAITANCE
  Règle: Une maltraitance suspectée impose de protéger et de signaler

    Scénario: Maltraitance suspectée chez une personne âgée
      Soit une patiente de 86 ans
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors l'alerte « maltraitance » est levée
      # REFERENTIEL.md § 5 : « 3977 (older or disabled adults) » ; code pénal art. 226-14 :
      # signalement au procureur sans l'accord d'une personne qui ne peut se protéger.
      Et l'alerte « maltraitance » cite le « 3977 », le « procureur » et l'article « 226-14 »
      Et le cluster « Action sociale et collectivités » est proposé avec « Service social départemental »
      Et le secteur social est en cause
      Et le parcours de vie est concerné

  @R-CAS-VIOLENCES-CONJUGALES @R-COMPLEXITE-DANGER
  Règle: Des violences au sein du couple : protéger, informer, signaler si besoin ; jamais un parcours simple

    Scénario: « Mon mari me frappe », dit une femme de 34 ans venue pour des insomnies
      Soit une patiente de 34 ans
      Et elle subit des violences au sein du couple
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et le parcours est complexe
      Et l'alerte « violences_conjugales » est levée
      # HAS 2019 (mise à jour 2020) : 17 en cas de danger immédiat, 3919 ; code pénal
      # art. 226-14, 3° (loi n° 2020-936) : signalement au procureur.
      Et l'alerte « violences conjugales » cite le « 17 », le « 3919 », le « procureur » et l'article « 226-14 »
      Et aucun message d'alerte ne cite le « 3977 »
      Et l'acteur « Association d'aide aux victimes (116 006) » est proposé
      Et l'acteur « SIAO et 115 (hébergement d'urgence, veille sociale) » est proposé
      Et l'acteur « Procureur de la République (signalement) » est proposé
      Et l'acteur « Psychologue » est proposé
      Et les secteurs en cause sont : sanitaire et social

  @R-CAS-CRISE-SUICIDAIRE @R-COMPLEXITE-DANGER
  Règle: Une crise suicidaire : 3114, évaluation psychiatrique, 15 si le danger est immédiat

    Scénario: Un homme de 47 ans qui dit vouloir en finir, sans détresse vitale
      Soit un patient de 47 ans
      Et il est en crise suicidaire
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et l'alerte « crise_suicidaire » est levée
      # 3114, numéro national de prévention du suicide (feuille de route santé mentale
      # 2018) ; 15 si le danger est immédiat (ANAES, conférence de consensus 2000).
      Et l'alerte « crise suicidaire » cite le « 3114 » et le « 15 »
      Et l'acteur « Centre médico-psychologique (CMP) » est proposé
      Et l'acteur « Service des urgences » est proposé
      Et ce n'est pas une urgence

    Scénario: Une adolescente de 15 ans en crise suicidaire
      Soit une patiente de 15 ans
      Et elle est en crise suicidaire
      Quand on évalue sa situation
      Alors l'alerte « crise_suicidaire » est levée
      Et l'alerte « crise suicidaire » cite le « 3114 »
      Et l'acteur « Personne de confiance » n'est pas proposé
      Et le parcours n'est pas simple

  @R-CAS-SORTIE-DETENTION
  Règle: À la sortie de détention, continuité des soins et des droits

    Scénario: Un homme de 31 ans sous traitement de substitution, qui sort de prison la semaine prochaine
      Soit un patient de 31 ans
      Et il a une addiction
      Et sa sortie de prison est prévue la semaine prochaine
      Quand on évalue sa situation
      Alors l'acteur « Service pénitentiaire d'insertion et de probation (SPIP) » est proposé
      Et l'acteur « Assurance maladie (CPAM) » est proposé
      Et l'acteur « Centre de soins, d'accompagnement et de prévention en addictologie (CSAPA) » est proposé
      Et le parcours est coordonné
      Et un PPS est recommandé

    Scénario: Sorti de prison, à la rue, avec une addiction
      Soit un patient de 31 ans
      Et il a une addiction
      Et il sort de détention
      Et il est sans domicile
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'acteur « SIAO et 115 (hébergement d'urgence, veille sociale) » est proposé
      # REFERENTIEL.md § 7 : l'EMPP va vers les personnes en précarité et en exclusion qui
      # n'accèdent pas aux soins ; une addiction est un besoin de santé mentale (CIM-10 F10–F19).
      Et la fonction d'appui « Équipe mobile psychiatrie-précarité (EMPP) » est proposée

  @R-SOCIAL-AME @R-CAS-SANS-MEDECIN-TRAITANT
  Règle: L'aide médicale de l'État est hors du parcours de soins coordonnés : pas de minoration sans médecin traitant

    Plan du scénario: Sans médecin traitant, couverture : <couverture>
      Soit un patient de 35 ans
      Et il n'a pas de médecin traitant déclaré
      Et <couverture>
      Quand on évalue sa situation
      Alors l'alerte « sans médecin traitant » <alerte>

      Exemples:
        | couverture                                        | alerte         |
        | il bénéficie de l'aide médicale de l'État (AME)  | n'est pas levée |
        | sa couverture maladie est complète                | est levée      |
