# language: fr
Fonctionnalité: Quand le parcours devient complexe
  « Le parcours de santé est dit complexe lorsque l'état de santé, le handicap ou la
  situation sociale du patient rend nécessaire l'intervention de plusieurs catégories de
  professionnels de santé, sociaux ou médico-sociaux » (CSP L6327-1). Les DAC ne prennent
  pourtant pas toute situation plurisectorielle : tant que le médecin traitant et l'équipe
  de proximité la tiennent, le parcours est coordonné, autour d'un plan personnalisé de santé
  (HAS, PPS PAERPA, 2014). Il devient complexe avec un risque de rupture (grille de facteurs
  du DAC), un danger ou une personne sans solution ; et toujours quand le professionnel le
  juge complexe (loi du 24 juillet 2019). Les attendus ci-dessous sont écrits depuis ces
  textes (rules/complexite.yaml).

  @R-COMPLEXITE-BESOINS-PLURISECTORIELS
  Règle: Des besoins dans plusieurs secteurs, sans risque de rupture : parcours coordonné autour d'un PPS

    Scénario: Maladie d'Alzheimer débutante, conjoint présent, aides adaptées, GIR 5
      # « Madame L., 78 ans, maladie d'Alzheimer diagnostiquée l'an dernier. Son mari est là,
      # l'aide ménagère passe deux fois par semaine, tout tient. »
      Soit une patiente de 78 ans
      Et elle a des troubles cognitifs
      Et elle a une maladie chronique : maladie neuro-évolutive
      Et elle est en GIR 5
      Et son aidant est présent
      Et ses aides à domicile sont adaptées
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et les secteurs en cause sont : sanitaire, médico-social et social
      Et un plan personnalisé de santé est recommandé
      Et la fonction d'appui « Coordination de proximité » est proposée
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée
      Et la règle R-COMPLEXITE-BESOINS-PLURISECTORIELS fait partie des raisons

    Plan du scénario: GIR 4 avec un plan d'aide APA adapté et une polypathologie stable (<logement>)
      # « Madame M., 83 ans, diabétique, insuffisante cardiaque et rénale, stable. L'APA
      # finance l'aide à domicile, qui suffit ; sa fille passe tous les jours. »
      Soit une patiente de 83 ans
      Et elle a les maladies chroniques : diabète, insuffisance cardiaque et insuffisance rénale
      Et elle est en GIR 4
      Et ses aides à domicile sont adaptées
      Et son aidant est présent
      Et « vit seul » vaut « <vit seule> »
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et un plan personnalisé de santé est recommandé
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée

      Exemples:
        | logement          | vit seule |
        | vit avec son mari | non       |
        | vit seule         | oui       |

    Scénario: Douleur chronique et difficultés financières : deux secteurs, pas de rupture
      Soit une patiente de 45 ans
      Et elle souffre d'une douleur chronique depuis plus de 3 mois
      Et elle a des difficultés financières
      Quand on évalue sa situation
      Alors les secteurs en cause sont : sanitaire et social
      Et le parcours est coordonné
      Et un PPS est recommandé

    Scénario: Des besoins dans un seul secteur : parcours coordonné, sans PPS
      Soit une patiente de 45 ans
      Et elle prend 12 médicaments par jour
      Et elle a une douleur chronique
      Quand on évalue sa situation
      Alors les secteurs en cause sont : sanitaire
      Et le parcours est coordonné
      Et aucun PPS n'est recommandé
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée

  @R-COMPLEXITE-PLURISECTORIELLE
  Règle: Plusieurs secteurs et au moins un facteur de risque de rupture : parcours complexe

    Scénario: Un besoin sanitaire, un logement insalubre et l'isolement : parcours complexe
      Soit une patiente de 45 ans
      Et elle prend 12 médicaments par jour
      Et elle a une douleur chronique
      Et son logement est insalubre
      Et elle est isolée
      Quand on évalue sa situation
      Alors les secteurs en cause sont : sanitaire et social
      Et le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la règle R-COMPLEXITE-PLURISECTORIELLE fait partie des raisons

    Scénario: Un seul facteur de rupture : l'équipe de proximité le tient, avec un PPS
      Soit une patiente de 45 ans
      Et elle prend 12 médicaments par jour
      Et elle a une douleur chronique
      Et son logement est insalubre
      Quand on évalue sa situation
      Alors les secteurs en cause sont : sanitaire et social
      Et le parcours est coordonné
      Et un PPS est recommandé
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée

    Scénario: Aidante épuisée, GIR 3, aides insuffisantes : la réévaluation de l'APA est sociale
      # « Monsieur R., 86 ans, GIR 3 ; sa femme n'en peut plus et les heures d'aide à domicile
      # ne suffisent plus. » La réévaluation du plan d'aide APA relève du département (aide
      # sociale) : le secteur social est en cause.
      Soit un patient de 86 ans
      Et il est en GIR 3
      Et ses aides à domicile sont insuffisantes
      Et son aidante est épuisée
      Quand on évalue sa situation
      Alors le secteur social est en cause
      Et le secteur médico-social est en cause
      Et l'acteur « Conseil départemental (APA) » est proposé
      Et le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée

    Scénario: Fin de vie à domicile, seul, sans aidant ni aide
      # « Monsieur T., 80 ans, cancer en soins palliatifs, vit seul, personne autour de lui,
      # aucune aide à domicile. »
      Soit un patient de 80 ans
      Et il relève de soins palliatifs
      Et il vit seul
      Et il n'a aucun aidant
      Et il n'a aucune aide à domicile
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « Équipe mobile de soins palliatifs (EMSP) » est proposée
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et l'acteur « SAD aide » est proposé
      Et la règle R-COMPLEXITE-PLURISECTORIELLE fait partie des raisons

    Scénario: Plusieurs secteurs et un seul facteur de rupture : coordonné
      Soit une patiente de 82 ans
      Et elle est en GIR 4
      Et elle a une maladie chronique : diabète
      Et elle est dénutrie
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et un PPS est recommandé

    Plan du scénario: Plusieurs secteurs, la dénutrition et un facteur <domaine> : <facteur>
      # La dénutrition est un risque du domaine santé ; un deuxième facteur de santé reste dans
      # le champ de l'équipe de proximité, un facteur d'un autre domaine non.
      Soit une patiente de 82 ans
      Et elle est en GIR 4
      Et elle a une maladie chronique : diabète
      Et elle est dénutrie
      Et <facteur>
      Quand on évalue sa situation
      Alors le parcours est <niveau>

      Exemples:
        | domaine        | facteur                                                   | niveau    |
        | (aucun)        | son aidant est présent                                    | coordonné |
        | santé          | sa pathologie chronique n'est pas stabilisée              | coordonné |
        | santé          | elle est tombée 2 fois en 12 mois                         | coordonné |
        | santé          | elle a eu 2 hospitalisations non programmées en 6 mois    | coordonné |
        | santé          | elle relève de soins palliatifs                           | coordonné |
        | entourage      | elle est isolée                                           | complexe  |
        | entourage      | son aidante est épuisée                                   | complexe  |
        | entourage      | elle n'a aucun aidant                                     | complexe  |
        | autonomie      | elle refuse les soins                                     | complexe  |
        | autonomie      | son autonomie décisionnelle est altérée                   | complexe  |
        | aides          | ses aides à domicile sont insuffisantes                   | complexe  |
        | environnement  | son logement est inadapté                                 | complexe  |
        | environnement  | sa sortie d'hospitalisation est prévue                    | complexe  |
        | environnement  | elle n'a aucune couverture maladie                        | complexe  |
        | (aucun)        | elle a fait une chute grave                               | coordonné |
        | (aucun)        | elle est tombée 1 fois en 12 mois                         | coordonné |
        | (aucun)        | elle vit seule                                            | coordonné |

    Plan du scénario: Vivre seule et isolée en GIR <gir>
      # Vivre seul n'est pas un risque en soi ; avec une dépendance lourde, personne n'est là
      # pour les actes essentiels : c'est un facteur de rupture, qui s'ajoute ici à
      # l'isolement.
      Soit une patiente de 90 ans
      Et elle vit seule
      Et elle est isolée
      Et elle est en GIR <gir>
      Et elle a une maladie chronique : diabète
      Quand on évalue sa situation
      Alors le parcours est <niveau>

      Exemples:
        | gir | niveau    |
        | 4   | coordonné |
        | 2   | complexe  |

  @R-COMPLEXITE-FACTEURS-RUPTURE
  Règle: Un risque de rupture dans trois domaines rend la situation complexe, même dans un seul secteur

    Scénario: Refus de soins, dénutrition et pathologie instable : deux domaines, un seul secteur
      Soit une patiente de 45 ans
      Et elle refuse les soins
      Et elle est dénutrie
      Et sa pathologie chronique n'est pas stabilisée
      Quand on évalue sa situation
      Alors les secteurs en cause sont : sanitaire
      Et le parcours est coordonné

    Scénario: Santé, autonomie et entourage : trois domaines de risque
      Soit une patiente de 45 ans
      Et elle refuse les soins
      Et elle est dénutrie
      Et elle est isolée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la règle R-COMPLEXITE-FACTEURS-RUPTURE fait partie des raisons

    @R-COMPLEXITE-PLURISECTORIELLE
    Scénario: Isolement, aidant épuisé et chutes répétées : deux domaines, plusieurs secteurs
      Soit une patiente de 68 ans
      Et elle est isolée
      Et son aidante est épuisée
      Et elle est tombée 3 fois en 6 mois
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la règle R-COMPLEXITE-PLURISECTORIELLE fait partie des raisons
      Et la règle R-COMPLEXITE-FACTEURS-RUPTURE ne fait pas partie des raisons

  @R-COMPLEXITE-DANGER
  Règle: Une personne en danger n'est jamais dans un parcours simple

    @R-CAS-ENFANT-EN-DANGER @R-CAS-MALTRAITANCE
    Scénario: Un enfant de 8 ans qu'on soupçonne maltraité
      # « Un garçon de 8 ans, amené pour des ecchymoses inexpliquées ; je soupçonne des
      # violences. » Rien d'autre n'est renseigné.
      Soit un enfant de 8 ans
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et le parcours est complexe
      Et l'alerte « enfant_en_danger » est levée
      Et l'alerte « maltraitance » est levée
      # CASF L226-3 (information préoccupante, CRIP), L226-4 (procureur), L226-6 (119) ;
      # code pénal art. 226-14, 2° (secret levé, accord du mineur non nécessaire).
      Et l'alerte « enfant en danger » cite l'« information préoccupante », la « CRIP », le « procureur », l'article « 226-14 » et le « 119 »
      Et l'acteur « Cellule de recueil des informations préoccupantes (CRIP) du département » est proposé
      Et l'acteur « Procureur de la République (signalement) » est proposé
      Et l'acteur « Personne de confiance » n'est pas proposé
      Et l'acteur « Protection juridique des majeurs » n'est pas proposé

    @R-CAS-MALTRAITANCE
    Scénario: Un adulte qu'on soupçonne maltraité
      Soit une patiente de 34 ans
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et les secteurs en cause sont : sanitaire et social
      Et l'alerte « maltraitance » est levée
      Et l'alerte « enfant_en_danger » n'est pas levée
      Et l'acteur « Cellule de recueil des informations préoccupantes (CRIP) du département » n'est pas proposé
      Et la fonction d'appui « DAC – réponse globale » est proposée

  @R-COMPLEXITE-RESSENTIE
  Règle: Le professionnel qui juge la situation complexe peut toujours solliciter le DAC

    Scénario: Une situation simple en apparence, jugée complexe par son médecin
      Soit un patient de 52 ans
      Et son médecin juge la situation complexe
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la règle « Complexité ressentie par le professionnel » fait partie des raisons

  @R-COMPLEXITE-PAERPA-PPS
  Règle: Après 75 ans, un critère PAERPA suffit pour proposer un plan personnalisé de santé

    Plan du scénario: Critère PAERPA à 80 ans : <critère>
      Soit une patiente de 80 ans
      Et <critère>
      Quand on évalue sa situation
      Alors un plan personnalisé de santé est recommandé
      Et la règle R-COMPLEXITE-PAERPA-PPS fait partie des raisons
      Et la fonction d'appui « Coordination de proximité » est proposée

      Exemples:
        | critère                                                          |
        | elle a eu 1 hospitalisation non programmée en 6 mois             |
        | elle a les maladies chroniques : diabète, hypertension et BPCO   |
        | elle a une insuffisance d'organe sévère                          |
        | elle prend 10 médicaments par jour                               |
        | elle a des troubles cognitifs                                    |
        | elle a des troubles de l'humeur ou du comportement               |
        | elle a une addiction                                             |
        | elle a des difficultés financières                               |
        | au questionnaire EPICES, elle répond non à toutes les questions  |

    Scénario: Mobilité réduite et chute grave
      Soit une patiente de 80 ans
      Et elle a fait une chute grave
      Et elle dépend d'autrui pour 2 activités instrumentales de la vie quotidienne
      Quand on évalue sa situation
      Alors un PPS est recommandé

    # CASF annexe 2-2 : transferts et déplacements à l'intérieur cotés C (ne fait pas seul) ;
    # la grille donne un GIR 5, et pourtant la mobilité est réduite.
    Scénario: Chute grave et transferts impossibles seul à la grille AGGIR
      Soit une patiente de 82 ans
      Et elle a fait une chute grave
      Et sa grille AGGIR est « AAAAAACC »
      Quand on évalue sa situation
      Alors un PPS est recommandé
      Et la règle R-COMPLEXITE-PAERPA-PPS fait partie des raisons

    # GFST (Vellas 2013) : « votre patient a-t-il des difficultés de mobilité ? »
    Scénario: Chute grave et difficulté de mobilité au repérage de la fragilité
      Soit une patiente de 81 ans
      Et elle a fait une chute grave
      Et au repérage de la fragilité (GFST), elle répond oui à : mobilité et non aux autres
      Quand on évalue sa situation
      Alors un PPS est recommandé
      Et la règle R-COMPLEXITE-PAERPA-PPS fait partie des raisons

    Scénario: Chute grave d'une personne qui se déplace seule : pas de critère PAERPA
      Soit une patiente de 81 ans
      Et elle a fait une chute grave
      Et sa grille AGGIR est « AAAAAAAA »
      Et au repérage de la fragilité (GFST), elle répond non à toutes les questions
      Quand on évalue sa situation
      Alors aucun PPS n'est recommandé

    Plan du scénario: Pas de PPS PAERPA à <âge> ans sans critère, ou avant 75 ans
      Soit une patiente de <âge> ans
      Et elle prend <médicaments> médicaments par jour
      Quand on évalue sa situation
      Alors aucun PPS n'est recommandé

      Exemples:
        | âge | médicaments |
        | 74  | 10          |
        | 80  | 9           |

  @R-COMPLEXITE-PPS-COMPLEXE
  Règle: Un parcours complexe se planifie dans un plan partagé

    Scénario: Parcours complexe : PPS recommandé, même avant 75 ans
      Soit un patient de 30 ans
      Et il a un handicap rare
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et un plan personnalisé de santé est recommandé
      Et la règle R-COMPLEXITE-PPS-COMPLEXE fait partie des raisons
