/**
 * The written part of a Model's card (`spec.modelCard`, or a `MODEL_CARD.md` beside the entity's
 * `catalog-info.yaml`): each section Markdown, following the sections of Model Cards for Model Reporting
 * (Mitchell et al., 2019) and of Hugging Face model cards. The facts a card also shows (versions, metrics against
 * the quality gates, data lineage, owners) are never written here: the portal reads them from the registry and the
 * catalog.
 *
 * @public
 */
export type ModelCardText = {
  /** What the model is and does, in a few sentences ("Model details"). */
  summary?: string;
  /** The uses it was built for and who may rely on it ("Intended use"). */
  intendedUse?: string;
  /** Uses it must not be put to, and why ("Out-of-scope use"). */
  outOfScopeUse?: string;
  /** The data it learned from, in words: sources, period, sampling, labels ("Training data"). */
  trainingData?: string;
  /** How it was evaluated: evaluation data, factors, slices and what the numbers mean ("Evaluation"). */
  evaluation?: string;
  /** Known limitations, biases and risks ("Limitations"). */
  limitations?: string;
  /** Ethical considerations: sensitive data, affected people, mitigations ("Ethical considerations"). */
  ethicalConsiderations?: string;
  /** What users should do given the limitations ("Caveats and recommendations"). */
  recommendations?: string;
  /** Whom to ask about the model and its card, beyond the owning group ("Contact"). */
  contact?: string;
};

/** One written section of a model card. @public */
export type ModelCardSectionId = keyof ModelCardText;

/**
 * The sections of a model card in the order a card shows them, with the heading a `MODEL_CARD.md` gives each
 * (`##`, case-insensitive; `aliases` are other headings read as the same section, such as the Hugging Face
 * card's) and whether a card is incomplete without it.
 *
 * @public
 */
export const MODEL_CARD_SECTIONS: ReadonlyArray<{
  id: ModelCardSectionId;
  heading: string;
  aliases: string[];
  expected: boolean;
}> = [
  {
    id: 'summary',
    heading: 'Model details',
    aliases: ['Model description', 'Summary', 'Overview'],
    expected: false,
  },
  {
    id: 'intendedUse',
    heading: 'Intended use',
    aliases: ['Intended uses', 'Uses', 'Direct use'],
    expected: true,
  },
  {
    id: 'outOfScopeUse',
    heading: 'Out-of-scope use',
    aliases: ['Out of scope use', 'Out-of-scope uses', 'Out of scope uses'],
    expected: true,
  },
  {
    id: 'trainingData',
    heading: 'Training data',
    aliases: [],
    expected: true,
  },
  {
    id: 'evaluation',
    heading: 'Evaluation',
    aliases: ['Evaluation data', 'Evaluation notes', 'Quantitative analyses'],
    expected: true,
  },
  {
    id: 'limitations',
    heading: 'Limitations',
    aliases: ['Bias, risks, and limitations', 'Bias, risks and limitations'],
    expected: true,
  },
  {
    id: 'ethicalConsiderations',
    heading: 'Ethical considerations',
    aliases: [],
    expected: true,
  },
  {
    id: 'recommendations',
    heading: 'Caveats and recommendations',
    aliases: ['Recommendations'],
    expected: false,
  },
  {
    id: 'contact',
    heading: 'Contact',
    aliases: ['Model card contact'],
    expected: true,
  },
];
