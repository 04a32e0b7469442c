# language: fr
Fonctionnalité: Les besoins de santé qui appellent d'autres professionnels
  Polypathologie, pathologie instable, polymédication, chutes, dénutrition, troubles
  cognitifs et psychiques, addiction, douleur chronique, soins palliatifs, fragilité : ce
  que le médecin traitant ne porte pas seul (rules/sante.yaml). Les personnes ont moins de
  50 ans quand l'âge ne compte pas, pour que les dépistages et les critères PAERPA ne s'en
  mêlent pas.

  @R-SANTE-PREVENTION-ETP
  Règle: Une maladie chronique relève d'un programme d'éducation thérapeutique

    Plan du scénario: Éducation thérapeutique pour une maladie chronique : <maladie>
      Soit un patient de 42 ans
      Et il a une maladie chronique : <maladie>
      Quand on évalue sa situation
      Alors l'acteur « Éducation thérapeutique du patient » <proposition>

      Exemples:
        | maladie                | proposition         |
        | diabète                | est proposé         |
        | insuffisance cardiaque | est proposé         |
        | BPCO                   | est proposé         |
        | hypertension           | est proposé         |
        | obésité                | est proposé         |
        | VIH                    | est proposé         |
        | cancer                 | n'est pas proposé   |

  @R-SANTE-DEPISTAGE-ORGANISE
  Règle: De 50 à 74 ans, les dépistages organisés des cancers sont proposés

    Plan du scénario: Dépistage organisé à <âge> ans
      Soit une personne de <âge> ans
      Quand on évalue sa situation
      Alors l'acteur « Dépistage organisé » <proposition>
      Et le parcours est simple

      Exemples:
        | âge | proposition       |
        | 49  | n'est pas proposé |
        | 50  | est proposé       |
        | 74  | est proposé       |
        | 75  | n'est pas proposé |

  @R-SANTE-POLYPATHOLOGIE
  Règle: Trois maladies chroniques ou une insuffisance d'organe sévère demandent des spécialistes

    Plan du scénario: Polypathologie : <maladies>
      Soit une patiente de 45 ans
      Et elle a les maladies chroniques : <maladies>
      Quand on évalue sa situation
      Alors le parcours est <niveau>

      Exemples:
        | maladies                   | niveau    |
        | cancer et AVC              | simple    |
        | cancer, AVC et VIH         | coordonné |

    Scénario: Une insuffisance d'organe sévère suffit
      Soit un patient de 45 ans
      Et il a une insuffisance d'organe sévère
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et le cluster « Médecine de ville » est proposé avec « Médecin spécialiste » et « Infirmier libéral »
      Et la règle R-SANTE-POLYPATHOLOGIE fait partie des raisons

  @R-SANTE-INSUFFISANCE-ORGANE-DOMICILE
  Règle: Une insuffisance d'organe sévère demande du matériel et des transports

    Scénario: Oxygène et dialyse à domicile
      Soit une patiente de 45 ans
      Et elle a une insuffisance d'organe sévère
      Quand on évalue sa situation
      Alors le cluster « Médico-social à domicile » est proposé avec « Prestataire de santé à domicile »
      Et l'acteur « Transport sanitaire » est proposé

  @R-SANTE-PATHOLOGIE-INSTABLE
  Règle: Une pathologie chronique non stabilisée demande un avis spécialisé

    Scénario: Pathologie chronique non stabilisée
      Soit un patient de 45 ans
      Et sa pathologie chronique n'est pas stabilisée
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et l'acteur « Médecin spécialiste » est proposé
      Et la règle « Pathologie chronique non stabilisée » fait partie des raisons

  @R-SANTE-HOSPITALISATIONS-REPETEES
  Règle: Des hospitalisations non programmées répétées appellent la coordination ville-hôpital

    Plan du scénario: <nombre> hospitalisation(s) non programmée(s) en 6 mois
      Soit un patient de 45 ans
      Et il a eu <nombre> hospitalisations non programmées en 6 mois
      Quand on évalue sa situation
      Alors le parcours est <niveau>

      Exemples:
        | nombre | niveau    |
        | 1      | simple    |
        | 2      | coordonné |

  @R-SANTE-POLYMEDICATION
  Règle: Dix médicaments ou plus par jour : bilan partagé de médication avec le pharmacien

    Plan du scénario: Une patiente qui prend <nombre> médicaments par jour
      Soit une patiente de 45 ans
      Et elle prend <nombre> médicaments par jour
      Quand on évalue sa situation
      Alors le parcours est <niveau>
      Et l'acteur « Pharmacien d'officine » <proposition>

      Exemples:
        | nombre | niveau    | proposition       |
        | 9      | simple    | n'est pas proposé |
        | 10     | coordonné | est proposé       |
        | 15     | coordonné | est proposé       |

  @R-SANTE-CHUTES
  Règle: Des chutes répétées ou une chute grave appellent la rééducation de l'équilibre

    Plan du scénario: Chutes : <chutes> en 6 mois, chute grave : <grave>
      Soit une patiente de 45 ans
      Et « chutes en 6 mois » vaut « <chutes> »
      Et « antécédent de chute grave » vaut « <grave> »
      Quand on évalue sa situation
      Alors l'acteur « Masseur-kinésithérapeute » <proposition>

      Exemples:
        | chutes | grave | proposition       |
        | 1      | non   | n'est pas proposé |
        | 2      | non   | est proposé       |
        | 0      | oui   | est proposé       |

    Plan du scénario: Chutes répétées au sens de la HAS : <chutes> en 12 mois
      # HAS / SFGG 2009 : au moins deux chutes sur douze mois.
      Soit une patiente de 81 ans
      Et elle est tombée <chutes> fois en 12 mois
      Quand on évalue sa situation
      Alors l'acteur « Masseur-kinésithérapeute » <proposition>

      Exemples:
        | chutes | proposition       |
        | 1      | n'est pas proposé |
        | 2      | est proposé       |
        | 4      | est proposé       |

    Scénario: Trois chutes en 6 mois mais une seule en 12 mois : saisie incohérente
      Soit une patiente de 81 ans
      Et elle est tombée 3 fois en 6 mois
      Et elle est tombée 1 fois en 12 mois
      Quand on évalue sa situation
      Alors la situation est refusée : « les chutes des 6 derniers mois sont comptées dans les 12 derniers mois »

  @R-SANTE-DENUTRITION
  Règle: La dénutrition appelle un suivi diététique

    Scénario: Personne dénutrie
      Soit un patient de 45 ans
      Et il est dénutri
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et le cluster « Médecine de ville » est proposé avec « Diététicien »

  @R-SANTE-OBESITE
  Règle: L'obésité relève d'un suivi diététique

    Scénario: Obésité
      Soit une patiente de 45 ans
      Et elle a une maladie chronique : obésité
      Quand on évalue sa situation
      Alors l'acteur « Diététicien » est proposé
      Et la règle R-SANTE-OBESITE fait partie des raisons
      Et le parcours est simple

  @R-SANTE-TROUBLES-COGNITIFS
  Règle: Des troubles cognitifs appellent un diagnostic en consultation mémoire

    Scénario: Troubles cognitifs sans diagnostic
      Soit une patiente de 70 ans
      Et elle a des troubles cognitifs
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et le cluster « Hôpital » est proposé avec « Consultation mémoire »
      Et l'acteur « Orthophoniste » est proposé
      Et l'acteur « Personne de confiance » est proposé
      Et l'acteur « Équipe spécialisée Alzheimer (ESA) » n'est pas proposé

  @R-SANTE-TROUBLES-COGNITIFS-ENFANT @R-HANDICAP-TND-PCO
  Règle: Chez l'enfant, des troubles cognitifs relèvent du parcours des troubles du neurodéveloppement

    Scénario: Un garçon de 7 ans qui n'arrive pas à apprendre à lire
      # « L'école signale un garçon de 7 ans qui ne suit pas, oublie tout, ne se concentre
      # pas. » Ni consultation mémoire, ni personne de confiance : ce sont des mesures
      # d'adulte.
      Soit un enfant de 7 ans
      Et il a des troubles cognitifs
      Quand on évalue sa situation
      Alors l'acteur « Consultation mémoire » n'est pas proposé
      Et l'acteur « Personne de confiance » n'est pas proposé
      Et la fonction d'appui « Plateforme de coordination et d'orientation TND (PCO) » est proposée
      Et le cluster « Médecine de ville » est proposé avec « Médecin spécialiste » et « Orthophoniste »
      Et le parcours est coordonné

    Plan du scénario: Troubles cognitifs à <âge> ans
      Soit une personne de <âge> ans
      Et elle a des troubles cognitifs
      Quand on évalue sa situation
      Alors la fonction d'appui « pco_tnd » <pco>
      Et l'acteur « Consultation mémoire » <memoire>

      Exemples:
        | âge | pco                | memoire           |
        | 3   | est proposée       | n'est pas proposé |
        | 12  | est proposée       | n'est pas proposé |
        | 13  | n'est pas proposée | n'est pas proposé |
        | 17  | n'est pas proposée | n'est pas proposé |
        | 18  | n'est pas proposée | est proposé       |

  @R-SANTE-CRISE-COMPORTEMENTALE @R-APPUI-EQUIPE-MOBILE-GERIATRIE
  Règle: Une crise de troubles du comportement dans une maladie neuro-évolutive relève de l'UCC, de l'UHR et de l'équipe mobile de gériatrie

    Scénario: Maladie d'Alzheimer, agitée et agressive depuis dix jours
      # « Madame D., 84 ans, Alzheimer connu, crie, frappe et déambule la nuit depuis dix
      # jours ; rien ne la calme. »
      Soit une patiente de 84 ans
      Et elle a une maladie chronique : maladie neuro-évolutive
      Et elle a des troubles cognitifs
      Et elle a des troubles de l'humeur ou du comportement
      Et sa pathologie chronique n'est pas stabilisée
      Quand on évalue sa situation
      Alors l'acteur « Unité cognitivo-comportementale (UCC, en SMR) » est proposé
      Et l'acteur « Unité d'hébergement renforcée (UHR) » est proposé
      Et la fonction d'appui « Équipe mobile de gériatrie » est proposée
      Et l'acteur « Unité de soins de longue durée (USLD) » n'est pas proposé
      Et le parcours n'est pas simple

    Scénario: La même crise, avec un mari épuisé : parcours complexe
      Soit une patiente de 84 ans
      Et elle a une maladie chronique : maladie neuro-évolutive
      Et elle a des troubles cognitifs
      Et elle a des troubles du comportement perturbateurs (agitation, agressivité)
      Et son aidant est épuisé
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée

    Scénario: Troubles du comportement perturbateurs chez une personne démente
      Soit un patient de 79 ans
      Et il a des troubles cognitifs
      Et il a des troubles du comportement perturbateurs (agitation, agressivité)
      Quand on évalue sa situation
      Alors l'acteur « Unité d'hébergement renforcée (UHR) » est proposé
      Et la fonction d'appui « Équipe mobile de gériatrie » est proposée

    Scénario: Troubles de l'humeur stables chez une personne atteinte de troubles cognitifs : pas d'UCC
      Soit une patiente de 84 ans
      Et elle a des troubles cognitifs
      Et elle a des troubles de l'humeur ou du comportement
      Quand on évalue sa situation
      Alors l'acteur « Unité cognitivo-comportementale (UCC, en SMR) » n'est pas proposé

  @R-SANTE-ALZHEIMER-DOMICILE
  Règle: Une maladie neuro-évolutive à domicile relève de l'équipe spécialisée Alzheimer

    Scénario: Maladie d'Alzheimer à domicile : soins et médico-social, parcours coordonné avec PPS
      Soit une patiente de 70 ans
      Et elle a des troubles cognitifs
      Et elle a une maladie chronique : maladie neuro-évolutive
      Quand on évalue sa situation
      Alors le cluster « Médico-social à domicile » est proposé avec « Équipe spécialisée Alzheimer (ESA) »
      Et l'acteur « Accueil de jour » est proposé
      Et les secteurs en cause sont : sanitaire et médico-social
      Et le parcours est coordonné
      Et un plan personnalisé de santé est recommandé

  @R-SANTE-TROUBLES-PSYCHIQUES
  Règle: Des troubles psychiques relèvent du secteur psychiatrique

    Plan du scénario: <trouble> : centre médico-psychologique
      Soit un patient de 35 ans
      Et <trouble>
      Quand on évalue sa situation
      Alors le cluster « Hôpital » est proposé avec « Centre médico-psychologique (CMP) »
      Et l'acteur « Psychologue » est proposé

      Exemples:
        | trouble                                            |
        | il a des troubles de l'humeur ou du comportement   |
        | il a une maladie chronique : maladie psychiatrique |

  @R-SANTE-ADDICTION
  Règle: Une addiction relève d'un CSAPA

    Scénario: Addiction
      Soit un patient de 35 ans
      Et il a une addiction
      Quand on évalue sa situation
      Alors le cluster « Soins médicaux et de réadaptation (ex-SSR) et établissements spécialisés » est proposé avec « Centre de soins, d'accompagnement et de prévention en addictologie (CSAPA) »
      Et le parcours est coordonné

  @R-SANTE-DOULEUR-CHRONIQUE
  Règle: Une douleur chronique se prend en charge d'abord en ville, en premier et second recours

    Scénario: Lombalgie depuis plus de trois mois : la ville d'abord
      # HAS 2023 : premier recours (médecin traitant, kinésithérapeute, psychologue), second
      # recours (médecin spécialiste) ; la structure douleur chronique vient ensuite.
      Soit une patiente de 45 ans
      Et elle souffre d'une douleur chronique depuis plus de 3 mois
      Quand on évalue sa situation
      Alors le cluster « Médecine de ville » est proposé avec « Masseur-kinésithérapeute », « Psychologue » et « Médecin spécialiste »
      Et l'acteur « Structure douleur chronique » n'est pas proposé
      Et le parcours est coordonné

  @R-SANTE-SOINS-PALLIATIFS
  Règle: Des soins palliatifs à domicile s'appuient sur l'équipe mobile et l'HAD

    Scénario: Soins palliatifs à domicile
      Soit un patient de 45 ans
      Et il relève de soins palliatifs
      Quand on évalue sa situation
      Alors la fonction d'appui « Équipe mobile de soins palliatifs (EMSP) » est proposée
      Et l'acteur « Hospitalisation à domicile (HAD) » est proposé
      Et le cluster « Ressources : proches, aidants, associations, plateformes » est proposé avec « Aidants et proches »
      Et un plan personnalisé de santé est recommandé

  @R-SANTE-PERSONNE-DE-CONFIANCE
  Règle: Un adulte peut désigner une personne de confiance ; un mineur, non

    Plan du scénario: Personne de confiance à <âge> ans : <situation>
      Soit une personne de <âge> ans
      Et <situation>
      Quand on évalue sa situation
      Alors l'acteur « Personne de confiance » <proposition>

      Exemples:
        | âge | situation                               | proposition       |
        | 45  | elle relève de soins palliatifs         | est proposé       |
        | 70  | elle a des troubles cognitifs           | est proposé       |
        | 45  | elle refuse les soins                   | est proposé       |
        | 30  | son autonomie décisionnelle est altérée | est proposé       |
        | 15  | elle relève de soins palliatifs         | n'est pas proposé |
        | 45  | elle a une maladie chronique : diabète  | n'est pas proposé |

  @R-SANTE-REFUS-DE-SOINS
  Règle: Le refus de soins demande une approche concertée

    Scénario: Refus de soins
      Soit une patiente de 45 ans
      Et elle refuse les soins
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et l'acteur « Personne de confiance » est proposé

  @R-SANTE-FRAGILITE
  Règle: Une fragilité repérée et confirmée par le clinicien mène à l'hôpital de jour

    Contexte:
      Soit une patiente de 72 ans
      Et au repérage de la fragilité (GFST), elle répond oui à : vit seul, fatigue et marche lente et non aux autres

    Scénario: Le clinicien la juge fragile
      Sachant que le clinicien la juge fragile
      Quand on évalue sa situation
      Alors la fragilité est « fragile »
      Et le cluster « Hôpital » est proposé avec « Hôpital de jour d'évaluation de la fragilité »
      Et le parcours est coordonné

    Scénario: Le clinicien ne la juge pas fragile
      Sachant que le clinicien ne la juge pas fragile
      Quand on évalue sa situation
      Alors la fragilité est « non fragile »
      Et l'acteur « Hôpital de jour d'évaluation de la fragilité » n'est pas proposé

    Scénario: Sans le jugement du clinicien, le repérage reste à confirmer
      Quand on évalue sa situation
      Alors la fragilité est « à confirmer par le clinicien »
      Et la règle R-SANTE-FRAGILITE ne fait pas partie des raisons

    Scénario: Le repérage s'adresse aux personnes sans incapacité
      Sachant que le clinicien la juge fragile
      Et elle dépend d'autrui pour 2 activités de base de la vie quotidienne
      Quand on évalue sa situation
      Alors l'acteur « Hôpital de jour d'évaluation de la fragilité » n'est pas proposé

    Scénario: Dépendante en GIR 3, la fragilité ne se repère plus
      Sachant que le clinicien la juge fragile
      Et elle est en GIR 3
      Quand on évalue sa situation
      Alors l'acteur « Hôpital de jour d'évaluation de la fragilité » n'est pas proposé

  @R-SANTE-FRAGILITE
  Règle: Le questionnaire de fragilité n'est proposé qu'à sa population

    Scénario: À 80 ans en GIR 3, le GFST n'est jamais à compléter
      # Le GFST s'adresse aux 65 ans et plus sans incapacité (Vellas 2013) : une personne en
      # GIR 3 est déjà dépendante.
      Soit une patiente de 80 ans
      Et elle est en GIR 3
      Quand on évalue sa situation
      Alors l'information « repérage de la fragilité (GFST) » n'est pas à compléter

    Plan du scénario: Le GFST à <âge> ans, sans autre information : <à compléter>
      Soit une patiente de <âge> ans
      Quand on évalue sa situation
      Alors l'information « repérage de la fragilité (GFST) » <à compléter>

      Exemples:
        | âge | à compléter            |
        | 64  | n'est pas à compléter  |
        | 72  | est à compléter        |

    Plan du scénario: Pas de GFST en urgence ni en soins palliatifs : <situation>
      Soit une patiente de 75 ans
      Et <situation>
      Quand on évalue sa situation
      Alors l'information « repérage de la fragilité (GFST) » n'est pas à compléter

      Exemples:
        | situation                                    |
        | elle présente des signes d'urgence vitale    |
        | elle relève de soins palliatifs              |
        | elle dépend d'autrui pour 3 activités de base de la vie quotidienne |

  @R-SANTE-MALADIE-RARE
  Règle: Une maladie rare se suit avec un centre expert et sa filière

    Scénario: Une jeune femme atteinte d'une maladie rare
      Soit une patiente de 24 ans
      Et elle a une maladie chronique : maladie rare
      Quand on évalue sa situation
      Alors le cluster « Hôpital » est proposé avec « Centre de référence ou de compétence maladies rares »
      Et l'acteur « Filière de santé maladies rares » est proposé
      Et le parcours est coordonné

  @R-CAS-URGENCE-VITALE @R-SANTE-PREVENTION-ETP @R-SANTE-DEPISTAGE-ORGANISE @R-SANTE-OBESITE
  Règle: L'urgence d'abord : ce qui peut attendre n'est pas proposé à côté du 15

    Scénario: Un diabétique obèse de 60 ans en détresse
      Soit un patient de 60 ans
      Et il a les maladies chroniques : diabète et obésité
      Et il présente des signes d'urgence vitale
      Quand on évalue sa situation
      Alors c'est une urgence
      Et l'alerte « urgence » est levée
      Et l'acteur « SAMU – centre 15 » est proposé
      Et l'acteur « Dépistage organisé » n'est pas proposé
      Et l'acteur « Éducation thérapeutique du patient » n'est pas proposé
      Et l'acteur « Diététicien » n'est pas proposé

    Scénario: Le même patient hors urgence
      Soit un patient de 60 ans
      Et il a les maladies chroniques : diabète et obésité
      Quand on évalue sa situation
      Alors l'acteur « Dépistage organisé » est proposé
      Et l'acteur « Éducation thérapeutique du patient » est proposé
      Et l'acteur « Diététicien » est proposé

  @R-SANTE-DOULEUR-REBELLE
  Règle: Une douleur chronique que la ville n'a pas soulagée relève d'une structure douleur chronique

    Scénario: Lombalgie chronique rebelle malgré le kinésithérapeute, le psychologue et le rhumatologue
      Soit un patient de 52 ans
      Et il souffre d'une douleur chronique depuis plus de 3 mois
      Et sa douleur chronique résiste aux premier et second recours
      Quand on évalue sa situation
      Alors le cluster « Hôpital » est proposé avec « Structure douleur chronique »
      Et le parcours est coordonné

  @R-SANTE-BILAN-PARTAGE-MEDICATION
  Règle: Le bilan partagé de médication : 65 ans et plus en ALD, ou 75 ans et plus, avec au moins 5 médicaments

    Plan du scénario: Bilan partagé de médication à <âge> ans, <médicaments> médicaments, ALD : <ald>
      Soit une patiente de <âge> ans
      Et elle prend <médicaments> médicaments par jour
      Et « affection de longue durée (ALD) » vaut « <ald> »
      Quand on évalue sa situation
      Alors la règle R-SANTE-BILAN-PARTAGE-MEDICATION <raison>

      Exemples:
        | âge | médicaments | ald | raison                          |
        | 76  | 5           | non | fait partie des raisons         |
        | 68  | 6           | oui | fait partie des raisons         |
        | 68  | 6           | non | ne fait pas partie des raisons  |
        | 64  | 8           | oui | ne fait pas partie des raisons  |
        | 80  | 4           | oui | ne fait pas partie des raisons  |

    Scénario: En urgence, le bilan de médication attend
      Soit une patiente de 80 ans
      Et elle prend 7 médicaments par jour
      Et elle présente des signes d'urgence vitale
      Quand on évalue sa situation
      Alors la règle R-SANTE-BILAN-PARTAGE-MEDICATION ne fait pas partie des raisons

  @R-SANTE-GROSSESSE
  Règle: Une grossesse se suit par la sage-femme ou le médecin, la maternité et, si besoin, la PMI

    Scénario: Une femme de 29 ans enceinte de deux mois, sans difficulté particulière
      Soit une patiente de 29 ans
      Et elle est enceinte
      Quand on évalue sa situation
      Alors l'acteur « Sage-femme » est proposé
      Et l'acteur « Maternité » est proposé
      Et l'acteur « Protection maternelle et infantile (PMI) » est proposé
      Et le parcours est simple
      Et la fonction d'appui « Staff médico-psycho-social de périnatalité » n'est pas proposée

  @R-SANTE-POST-PARTUM
  Règle: Après l'accouchement, entretien postnatal, sage-femme et PMI

    Scénario: Une jeune mère, six semaines après l'accouchement
      Soit une patiente de 31 ans
      Et elle a accouché il y a 6 semaines
      Quand on évalue sa situation
      Alors l'acteur « Sage-femme » est proposé
      Et l'acteur « Protection maternelle et infantile (PMI) » est proposé

  @R-SANTE-PERINATALITE-VULNERABLE
  Règle: Une grossesse ou une naissance en situation de vulnérabilité se discute au staff de périnatalité

    Plan du scénario: Enceinte, <vulnérabilité>
      Soit une patiente de <âge> ans
      Et elle est enceinte
      Et <vulnérabilité>
      Quand on évalue sa situation
      Alors la fonction d'appui « Staff médico-psycho-social de périnatalité » est proposée
      Et le parcours n'est pas simple

      Exemples:
        | âge | vulnérabilité                                   |
        | 16  | elle n'a aucune couverture maladie              |
        | 24  | elle a une addiction                            |
        | 33  | elle a des troubles psychiques                  |
        | 27  | elle est sans domicile                          |

    @R-CAS-VIOLENCES-CONJUGALES
    Scénario: Enceinte et frappée par son compagnon
      Soit une patiente de 26 ans
      Et elle est enceinte
      Et elle subit des violences au sein du couple
      Quand on évalue sa situation
      Alors la fonction d'appui « Staff médico-psycho-social de périnatalité » est proposée
      Et l'alerte « violences_conjugales » est levée
      Et le parcours est complexe

    Scénario: Une mère isolée, trois mois après la naissance
      Soit une patiente de 35 ans
      Et elle a accouché il y a moins d'un an
      Et elle est isolée
      Quand on évalue sa situation
      Alors la fonction d'appui « Staff médico-psycho-social de périnatalité » est proposée
