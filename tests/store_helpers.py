"""Documents written for the store tests (our own sentences, in the style of monitoring reports)."""

from __future__ import annotations

import json
from pathlib import Path

# two outlets report one air strike; a third document is about something else
STRIKE_A = ("قتل 12 مدنياً في غارات جوية شنها الطيران الروسي على مدينة سراقب بريف إدلب أمس الأربعاء.", "2017-03-02", "شبكة الرصد")
STRIKE_B = ("ارتفعت حصيلة الغارات الجوية على مدينة سراقب يوم الأربعاء الأول من آذار إلى 15 قتيلاً، بحسب ناشطين.", "2017-03-03",
            "وكالة الأنباء المحلية")
STRIKE_C_FAR = ("قتل 4 مدنيين في غارات جوية على مدينة دوما يوم الأربعاء الأول من آذار 2017.", "2017-03-02", "شبكة الرصد")
ARREST = ("اعتقلت قوات النظام 20 شاباً في مدينة دوما يوم 5 أيار 2018.", "2018-05-06", "مركز التوثيق")
DEFECTION = ("انشق 8 عناصر من قوات النظام في مدينة تدمر وتوجهوا إلى إدلب في حزيران 2016.", "2016-11-15", "مركز التوثيق")


def write_json(path: Path, doc_id: str, text: str, published: str, outlet: str) -> Path:
    path.write_text(json.dumps({"id": doc_id, "text": text, "published": published, "outlet": outlet}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def write_reports(folder: Path, *reports: tuple[str, str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, (text, published, outlet) in enumerate(reports, start=1):
        write_json(folder / f"report_{n:02d}.json", f"r{n}", text, published, outlet)
    return folder
