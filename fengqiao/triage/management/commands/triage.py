"""`fengqiao triage <action>`: train, evaluate and use the triage models; look after triage results.

    fengqiao triage train    --data FILE.csv --text-columns 留言主题,留言详情 --label-column 一级标签 --model-dir DIR
    fengqiao triage train    --kind crisis --data FILE.csv --text-columns comment --label-column level
                             --positive-from 4 [--negatives FILE --negative-text-columns 留言主题,留言详情]
                             --model-dir DIR   # the crisis model may share DIR with the category model
    fengqiao triage evaluate --data FILE.csv --text-columns ... --label-column ... --model-dir DIR --json
    fengqiao triage predict  --data FILE.csv --text-columns ... [--model-dir DIR] --output FILE.jsonl
    fengqiao triage retrain  [--activate]           # from the categories staff set on the platform's cases
    fengqiao triage activate --kind category --version 3
    fengqiao triage rollback --kind category
    fengqiao triage retry    [--all]                # queue pending/failed results again
    fengqiao triage backfill [--limit N]            # triage cases that have no result (bulk-loaded rows)
    fengqiao triage seed-routing                    # default routing rules, by department name

CSV (UTF-8) and XLSX files are accepted. A bad file ends with one line naming the problem and exit status 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from fengqiao.core.errors import ServiceError
from fengqiao.triage.choices import ModelKind

ACTIONS = (
    "train",
    "evaluate",
    "predict",
    "retrain",
    "activate",
    "rollback",
    "retry",
    "backfill",
    "seed-routing",
)


def _columns(value: str) -> list[str]:
    return [c.strip() for c in value.replace("，", ",").split(",") if c.strip()]


class Command(BaseCommand):
    help = _("智能分流：训练、评估、预测模型，启用与回退模型版本，重试与补做分析，初始化分流规则。")
    # Output is read by scripts (e.g. `evaluate --json`): no system-check warnings mixed into it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="{" + ",".join(ACTIONS) + "}")
        sub.required = True

        def data(p: CommandParser, *, label: bool) -> None:
            p.add_argument("--data", required=True, help=_("CSV（UTF-8）或 XLSX 文件"))
            p.add_argument("--text-columns", required=True, type=_columns, help=_("文本列，逗号分隔"))
            if label:
                p.add_argument("--label-column", required=True, help=_("标签列"))
            p.add_argument("--kind", choices=ModelKind.values, default=ModelKind.CATEGORY, help=_("模型类型"))

        train = sub.add_parser("train", help=_("训练模型"))
        data(train, label=True)
        train.add_argument("--model-dir", help=_("模型保存目录（默认在 VAR_DIR/models/ 下新建）"))
        train.add_argument(
            "--positive-from",
            type=float,
            default=None,
            help=_("危机模型：标签列是数字，大于或等于此值的行为正例（例如 --positive-from 4）"),
        )
        train.add_argument("--negatives", help=_("危机模型：另一个文件的各行都作为反例加入训练"))
        train.add_argument(
            "--negative-text-columns",
            type=_columns,
            default=None,
            help=_("反例文件的文本列，逗号分隔（默认同 --text-columns）"),
        )
        train.add_argument("--no-register", action="store_true", help=_("不登记到模型库"))
        train.add_argument("--activate", action="store_true", help=_("登记后立即启用"))
        train.add_argument("--description", default="", help=_("版本说明"))

        evaluate = sub.add_parser("evaluate", help=_("在带标签的数据上评估模型"))
        data(evaluate, label=True)
        evaluate.add_argument("--model-dir", help=_("模型目录（默认使用已启用的模型）"))
        evaluate.add_argument("--json", action="store_true", help=_("输出一个 JSON 对象"))

        predict = sub.add_parser("predict", help=_("逐行预测，输出 JSON Lines"))
        data(predict, label=False)
        predict.add_argument(
            "--model-dir", help=_("模型目录：其中的类别模型和危机模型都会使用（默认使用已启用的模型）")
        )
        predict.add_argument("--output", required=True, help=_("输出文件（.jsonl）"))
        predict.add_argument("--mask", action="store_true", help=_("输出中的电话和身份证号脱敏"))

        retrain = sub.add_parser("retrain", help=_("用平台已标注的案件重新训练类别模型"))
        retrain.add_argument("--activate", action="store_true", help=_("训练后立即启用"))

        activate = sub.add_parser("activate", help=_("启用某个模型版本"))
        activate.add_argument("--kind", choices=ModelKind.values, default=ModelKind.CATEGORY)
        activate.add_argument("--version", type=int, required=True)

        rollback = sub.add_parser("rollback", help=_("回退到上一个启用过的版本"))
        rollback.add_argument("--kind", choices=ModelKind.values, default=ModelKind.CATEGORY)

        retry = sub.add_parser("retry", help=_("重新排队等待中或失败的分析"))
        retry.add_argument("--all", action="store_true", help=_("不等一分钟，全部重新排队"))

        backfill = sub.add_parser("backfill", help=_("为尚无分析结果的案件补做分析"))
        backfill.add_argument("--limit", type=int, default=None)

        sub.add_parser("seed-routing", help=_("按部门名称添加默认分流规则（只补缺）"))

    def handle(self, *args: Any, **options: Any) -> None:
        handler = getattr(self, "do_" + options["action"].replace("-", "_"))
        try:
            handler(options)
        except ServiceError as exc:
            raise CommandError(" ".join(str(exc.message).split())) from exc

    # ------------------------------------------------------------ data

    def _load(self, options: dict[str, Any], *, label: bool) -> Any:
        from fengqiao.triage.engine.dataio import DataFileError, load_texts

        try:
            return load_texts(
                options["data"], options["text_columns"], options.get("label_column") if label else None
            )
        except DataFileError as exc:
            raise CommandError(exc.message) from exc

    def _load_model(self, kind: str, directory: str) -> Any:
        from fengqiao.triage.engine import classifier
        from fengqiao.triage.engine import crisis as crisis_engine

        path = Path(directory)
        if not path.is_dir():
            raise CommandError(_("模型目录不存在：%(path)s") % {"path": directory})
        try:
            return (
                crisis_engine.CrisisModel.load(str(path))
                if kind == ModelKind.CRISIS
                else classifier.load(path)
            )
        except Exception as exc:
            readable = isinstance(exc, ValueError | classifier.ModelError)
            reason = " ".join(str(exc).split())[:160] if readable else type(exc).__name__
            raise CommandError(
                _("无法读取模型：%(path)s（%(error)s）") % {"path": directory, "error": reason}
            ) from exc

    def _models_in(self, directory: str) -> list[str]:
        """The kinds of model saved in `directory`, each loaded once to refuse a broken or foreign one."""
        from fengqiao.triage.engine import classifier
        from fengqiao.triage.engine import crisis as crisis_engine

        path = Path(directory)
        if not path.is_dir():
            raise CommandError(_("模型目录不存在：%(path)s") % {"path": directory})
        kinds = [
            kind
            for kind, name in (
                (ModelKind.CATEGORY, classifier.MODEL_FILE),
                (ModelKind.CRISIS, crisis_engine.CRISIS_MODEL_FILE),
            )
            if (path / name).exists()
        ]
        if not kinds:
            raise CommandError(_("模型目录中没有模型：%(path)s") % {"path": directory})
        for kind in kinds:
            self._load_model(kind, directory)
        return kinds

    def _active_refs(self) -> dict[str, Any]:
        from fengqiao.triage.services.run import active_model_refs

        try:
            return active_model_refs()
        except DatabaseError:  # no database yet: the built-in rules only
            return {}

    # ------------------------------------------------------------ actions

    def _crisis_rows(
        self, options: dict[str, Any], texts: list[str], labels: list[str]
    ) -> tuple[list, list, list[bool] | None]:
        """`--positive-from` and `--negatives` (crisis models only): numeric levels to 1/0, another file's rows
        added as negatives; the third list marks those ordinary negatives (None without either option)."""
        from fengqiao.triage.engine.dataio import DataFileError, load_texts

        wanted = options.get("positive_from") is not None or options.get("negatives")
        if not wanted:
            return texts, labels, None
        if options["kind"] != ModelKind.CRISIS:
            raise CommandError(_("--positive-from 和 --negatives 只能用于 --kind crisis。"))
        if options.get("positive_from") is not None:
            threshold = options["positive_from"]
            flags = []
            for number, label in enumerate(labels, start=1):
                try:
                    value = float(str(label).strip())
                except ValueError:
                    raise CommandError(
                        _(
                            "标签列“%(column)s”第 %(row)d 行不是数字（“%(value)s”）：--positive-from 需要数字标签。"
                        )
                        % {"column": options["label_column"], "row": number, "value": str(label)[:20]}
                    ) from None
                flags.append("1" if value >= threshold else "0")
            labels = flags
        if options.get("negatives"):
            columns = options.get("negative_text_columns") or options["text_columns"]
            try:
                extra = load_texts(options["negatives"], columns, None)
            except DataFileError as exc:
                raise CommandError(exc.message) from exc
            ordinary = [False] * len(texts) + [True] * len(extra.texts)
            texts = [*texts, *extra.texts]
            labels = [*labels, *(["0"] * len(extra.texts))]
            return texts, labels, ordinary
        return texts, labels, [False] * len(texts)  # every negative is a row below --positive-from: a hard one

    def do_train(self, options: dict[str, Any]) -> None:
        from fengqiao.triage.services.training import model_train

        rows = self._load(options, label=True)
        texts, labels, ordinary = self._crisis_rows(options, list(rows.texts), list(rows.labels))
        outcome = model_train(
            kind=options["kind"],
            texts=texts,
            labels=labels,
            ordinary=ordinary,
            directory=Path(options["model_dir"]) if options.get("model_dir") else None,
            source_name=Path(options["data"]).name,
            register=not options["no_register"],
            activate=options["activate"] and not options["no_register"],
            description=options["description"],
        )
        cv = outcome.meta.get("cv_metrics") or {}
        self.stdout.write(
            _("已训练（%(n)d 条，%(k)d 个类别），保存在 %(dir)s")
            % {"n": len(texts), "k": len(outcome.counts), "dir": outcome.directory}
        )
        if outcome.meta.get("cv_precision") is not None and outcome.meta.get("cv_folds"):
            self.stdout.write(
                _("交叉验证：阈值 %(t).4f，召回率 %(r).4f，精确率 %(p).4f，普通文本误报率 %(f).4f")
                % {
                    "t": outcome.meta["threshold"],
                    "r": outcome.meta["cv_recall"],
                    "p": outcome.meta["cv_precision"],
                    "f": outcome.meta["cv_ordinary_flag_rate"],
                }
            )
        if cv.get("macro_f1") is not None:
            self.stdout.write(
                _("交叉验证：准确率 %(acc).4f，宏平均 F1 %(f1).4f")
                % {"acc": cv["accuracy"], "f1": cv["macro_f1"]}
            )
        if outcome.model is not None:
            state = _("已启用") if outcome.model.is_active else _("未启用")
            self.stdout.write(_("已登记为 %(model)s（%(state)s）") % {"model": outcome.model, "state": state})

    def do_evaluate(self, options: dict[str, Any]) -> None:
        from fengqiao.triage import evaluation
        from fengqiao.triage.runtime import load_model
        from fengqiao.triage.services.training import is_true

        kind = options["kind"]
        rows = self._load(options, label=True)
        model, used = None, "built-in"
        if options.get("model_dir"):
            model, used = self._load_model(kind, options["model_dir"]), str(options["model_dir"])
        else:
            ref = self._active_refs().get(kind)
            if ref is not None:
                model, used = load_model(ref), f"v{ref.version}"
        if kind == ModelKind.CATEGORY:
            if model is None:
                raise CommandError(_("没有可用的类别模型：请用 --model-dir 指定，或先训练并启用一个模型。"))
            result = evaluation.evaluate_category(model, rows.texts, rows.labels)
        elif kind == ModelKind.DISPUTE_TYPE:
            result = evaluation.evaluate_dispute_types(model, rows.texts, rows.labels)
        else:
            result = evaluation.evaluate_crisis(model, rows.texts, rows.labels, is_true=is_true)
        result = {**result, "kind": kind, "model": used}
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(
            _("样本 %(n)d，准确率 %(acc).4f，宏平均 F1 %(f1).4f（模型：%(model)s）")
            % {"n": result["n"], "acc": result["accuracy"], "f1": result["macro_f1"], "model": used}
        )
        for label, figures in result["per_class"].items():
            self.stdout.write(
                f"  {label}\tP={figures['precision']:.3f}\tR={figures['recall']:.3f}\t"
                f"F1={figures['f1']:.3f}\tn={figures['support']}"
            )

    def do_predict(self, options: dict[str, Any]) -> None:
        from fengqiao.core.masking import mask_id_number, mask_phone
        from fengqiao.triage.analysis import analyse
        from fengqiao.triage.engine.dispute_types import type_name
        from fengqiao.triage.runtime import ModelRef, load_model, warm_up

        rows = self._load(options, label=False)
        refs = self._active_refs()
        if options.get("model_dir"):
            # every model in the directory (a category model and a crisis model may live side by side), with
            # a clear error before any output; the built-in rules always run as well
            found = self._models_in(options["model_dir"])
            refs.update(
                {
                    kind: ModelRef(kind=kind, id=0, version=0, path=str(Path(options["model_dir"]).resolve()))
                    for kind in found
                }
            )
        for ref in refs.values():
            load_model(ref)
        warm_up()
        output = Path(options["output"])
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            handle = output.open("w", encoding="utf-8")
        except OSError as exc:
            raise CommandError(
                _("无法写入输出文件：%(path)s（%(error)s）") % {"path": output, "error": exc.strerror}
            ) from exc
        mask = options["mask"]
        with handle:
            for number, text in enumerate(rows.texts):
                found = analyse(text, "", refs)
                entities = found.entities
                line = {
                    "row": number,
                    "category": found.category_label,
                    "category_confidence": found.category_confidence,
                    "dispute_type": found.dispute_type,
                    "dispute_type_name": type_name(found.dispute_type),
                    "dispute_type_confidence": found.dispute_type_confidence,
                    "dispute_type_terms": found.dispute_type_terms,
                    "crisis": found.crisis,
                    "crisis_kind": found.crisis_kind,
                    "crisis_score": found.crisis_score,
                    "crisis_reasons": found.crisis_reasons,
                    "entities": {
                        "persons": entities["persons"],
                        "organisations": entities["organisations"],
                        "parties": entities["parties"],
                        "phones": [mask_phone(p) for p in entities["phones"]] if mask else entities["phones"],
                        "id_numbers": (
                            [mask_id_number(i) for i in entities["id_numbers"]]
                            if mask
                            else entities["id_numbers"]
                        ),
                        "addresses": entities["addresses"],
                    },
                }
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.stdout.write(_("已写入 %(n)d 行：%(path)s") % {"n": len(rows.texts), "path": output})

    def do_retrain(self, options: dict[str, Any]) -> None:
        from fengqiao.triage.services.training import model_retrain

        outcome = model_retrain(acting_user=None, activate=options["activate"])
        state = _("已启用") if outcome.model and outcome.model.is_active else _("未启用")
        self.stdout.write(
            _("已用 %(n)d 件已标注案件训练 %(model)s（%(state)s）")
            % {"n": sum(outcome.counts.values()), "model": outcome.model, "state": state}
        )

    def do_activate(self, options: dict[str, Any]) -> None:
        from fengqiao.triage.models import ModelVersion
        from fengqiao.triage.services import model_activate

        model = ModelVersion.objects.filter(kind=options["kind"], version=options["version"]).first()
        if model is None:
            raise CommandError(_("没有这个模型版本。"))
        self.stdout.write(_("已启用 %(model)s") % {"model": model_activate(model=model, acting_user=None)})

    def do_rollback(self, options: dict[str, Any]) -> None:
        from fengqiao.triage.services import model_rollback

        self.stdout.write(
            _("已回退到 %(model)s") % {"model": model_rollback(kind=options["kind"], acting_user=None)}
        )

    def do_retry(self, options: dict[str, Any]) -> None:
        from datetime import timedelta

        from fengqiao.triage.services import triage_requeue_stale

        older = timedelta(0) if options["all"] else timedelta(minutes=1)
        self.stdout.write(_("已重新排队 %(n)d 件") % {"n": triage_requeue_stale(older_than=older)})

    def do_backfill(self, options: dict[str, Any]) -> None:
        from fengqiao.triage.services import triage_backfill

        self.stdout.write(_("已补做 %(n)d 件") % {"n": triage_backfill(limit=options["limit"])})

    def do_seed_routing(self, options: dict[str, Any]) -> None:
        from fengqiao.triage.services import category_settings_seed, routing_seed_defaults

        category_settings_seed()
        self.stdout.write(_("已添加 %(n)d 条分流规则") % {"n": routing_seed_defaults(acting_user=None)})
