"""The rules of `ropcli diff` (the pull-request check): ids, summaries, clauses.

`ropcli rules` and the SARIF rule metadata list them (`RULES` here).
Every one is an error. `settings-changed` and `template-changed` are accepted by
`ropcli diff --allow-settings`: the change is deliberate and a reviewer agreed to it.
"""

from __future__ import annotations

SITE_DELETED = "site-deleted"
SITE_RENAMED = "site-renamed"
SITE_SYMLINK = "site-symlink"
APPEND_ONLY = "append-only"
ID_CHANGED = "id-changed"
REVIEW_REWRITTEN = "review-rewritten"
SETTINGS_CHANGED = "settings-changed"
TEMPLATE_CHANGED = "template-changed"
REGISTRY_MOVED = "registry-moved"
HISTORY_ORDER = "history-order"  # the same rule id as the domain rule: same meaning

ALLOW_SETTINGS = "--allow-settings"  # the option that accepts the two rules below
ACCEPTED_BY_ALLOW_SETTINGS = frozenset({SETTINGS_CHANGED, TEMPLATE_CHANGED})

# id -> (summary, clause), for `ropcli rules` and SARIF rule metadata.
RULES: dict[str, tuple[str, str | None]] = {
    SITE_DELETED: ("файл площадки удалён: реестр только дополняется", "6.1"),
    APPEND_ONLY: (
        "прежнее событие истории или запись об отчёте удалены, изменены или перемещены: "
        "исправления — новыми записями",
        "6.1",
    ),
    ID_CHANGED: ("id площадки изменён: id — постоянное имя площадки в реестре", None),
    SITE_RENAMED: (
        "файл площадки переименован или перенесён: имя файла — это id площадки, его не меняют",
        "6.1",
    ),
    SITE_SYMLINK: (
        "файл площадки (или папка sites/) — символическая ссылка: правка файла, на который она "
        "ведёт, меняла бы площадку в обход проверки",
        None,
    ),
    REVIEW_REWRITTEN: (
        "прежние сведения о рассмотрении заявки (согласование, заключение Экспертной комиссии) "
        "изменены или удалены",
        "6.6",
    ),
    SETTINGS_CHANGED: (
        f"изменены настройки реестра ropcli.yaml: принимаются только с {ALLOW_SETTINGS}",
        None,
    ),
    TEMPLATE_CHANGED: (
        f"изменены шаблоны документов реестра (templates/): принимаются только с {ALLOW_SETTINGS}",
        None,
    ),
    REGISTRY_MOVED: (
        "проверяется не та папка, где реестр лежит в целевой ветке: новый ropcli.yaml "
        "подменил папку реестра",
        None,
    ),
}
# findings about files that are not site files (a check of the sites does not count them)
OUTSIDE_SITES = frozenset({SETTINGS_CHANGED, TEMPLATE_CHANGED, REGISTRY_MOVED})
CLAUSES = {**{k: v[1] for k, v in RULES.items()}, HISTORY_ORDER: "6.1"}
