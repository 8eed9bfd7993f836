"""Pure-Python text engine of the ``triage`` app (no Django imports here).

Every public function is total on any ``str`` input (empty, odd characters,
10 MB): long texts are clipped internally.  Call :func:`warm_up` once at
start-up so that the first request does not pay for loading jieba.

Public API (see each module):

* :mod:`.dataio` -- ``read_table(source, filename=None) -> Table``,
  ``load_texts(source, text_columns, label_column=None) -> LabelledTexts``,
  ``DataFileError`` (one bilingual line).
* :mod:`.classifier` -- ``train(texts, labels, *, params=None, source_name="") -> CategoryModel``,
  ``CategoryModel.predict(texts) -> list[(label, confidence)]``, ``.predict_one(text)``,
  ``.predict_proba(texts)``, ``.save(dir)``, ``load(dir)``, ``evaluate(model, texts, labels) -> dict``.
* :mod:`.crisis` -- ``detect(text, model=None) -> CrisisResult(is_crisis, score, reasons, kind)``,
  ``CrisisModel.save/load``; :mod:`.crisis_training` -- ``train_model(texts, labels) -> CrisisModel`` (optional, run time).
* :mod:`.dispute_types` -- ``classify(text, model=None) -> DisputeTypeResult(type_code, confidence,
  matched_terms, probabilities)``, ``TYPES`` (code -> Chinese name), ``type_name(code)``.
* :mod:`.entities` -- ``extract_entities(text) -> dict`` (with ``parties``), ``validate_id_number(s) -> bool``.
* :mod:`.parties` -- ``extract_parties(text) -> [{"name", "kind", "role", "mentions"}]``: the named people and
  organisations of a narrative with their likely role (applicant, respondent, other).
* :mod:`.crisis_plain` -- plain danger in dispute wording, added to the crisis lexicon.
* :mod:`.similar` -- ``SimilarIndex`` with ``add(case_id, text, parties=, phones=, id_numbers=,
  place=, region_code=, topics=)``, ``add_many(records)``, ``query(text, k=5, exclude=(), topics=None, **same
  metadata) -> list[Match(case_id, score, reasons, text_similarity)]``, ``save(path)``, ``SimilarIndex.load(path)``;
  ``topics`` passes topic words already known (stored, or worked out once) so that jieba is not run again.
"""


def warm_up() -> None:
    """Load jieba's dictionary and keyword weights, cpca's tables and the dispute-type example index
    now (a few seconds) rather than on the first case."""
    from . import dispute_types, entities, similar, text

    text.warm_up()
    entities.extract_entities("申请人张三，住浙江省诸暨市枫桥镇。")
    dispute_types.classify("邻居纠纷")
    similar.topic_words("楼上邻居半夜噪音扰民")  # jieba.analyse's idf table (about a second)
