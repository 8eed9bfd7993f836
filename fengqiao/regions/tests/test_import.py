import io

import openpyxl
import pytest

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import ValidationFailed
from fengqiao.regions.models import Region
from fengqiao.regions.services import region_import

pytestmark = pytest.mark.django_db

GOOD = "code,name,level,parent_code\n3399,新县,县,\n339901,新街道,街道,3399\n33990101,新社区,社区,339901\n3399010101,一网格,网格,33990101\n"


def test_csv_loads_the_whole_tree_with_paths():
    report = region_import(acting_user=None, data=GOOD.encode(), filename="tree.csv")
    assert report.ok and report.created == 4
    grid = Region.objects.get(code="3399010101")
    assert grid.path == "/3399/339901/33990101/3399010101/" and grid.parent.code == "33990101"
    assert AuditEntry.objects.filter(action="region.import").count() == 1


def test_xlsx_with_chinese_headers_loads():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["区划代码", "名称", "层级", "上级代码"])
    sheet.append(["3388", "另一县", "1", None])
    sheet.append(["338801", "某镇", "2", "3388"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = region_import(acting_user=None, data=buffer.getvalue(), filename="tree.xlsx")
    assert report.ok and Region.objects.filter(code__startswith="3388").count() == 2


def test_dry_run_writes_nothing():
    report = region_import(acting_user=None, data=GOOD.encode(), filename="tree.csv", dry_run=True)
    assert report.ok and report.created == 4 and not Region.objects.filter(code="3399").exists()


@pytest.mark.parametrize(("content", "problem"), [
    ("code,name,level,parent_code\n3399,新县,县,\n339901,新街道,街道,9999\n", "9999"),
    ("code,name,level,parent_code\n3399,新县,县,\n339901,新街道,村委,3399\n", "村委"),
    ("code,name,level,parent_code\n3399,新县,县,\n339901,新街道,网格,3399\n", "层级"),
    ("code,name,level,parent_code\n3399,新县,县,\n3399,重复,县,\n", "重复"),
])
def test_one_bad_row_means_nothing_is_imported(content, problem):
    report = region_import(acting_user=None, data=content.encode(), filename="tree.csv")
    assert not report.ok and any(problem in e for e in report.errors)
    assert not Region.objects.filter(code="3399").exists()


@pytest.mark.parametrize(("data", "name", "code"), [
    (b"", "x.csv", "empty_file"),
    ("code,name\n1,2\n".encode("gbk") + "县".encode("gbk"), "x.csv", "bad_encoding"),
    (b"not a zip", "x.xlsx", "bad_format"),
    (b"whatever", "x.txt", "bad_format"),
    (b"code,name\n1,a\n", "x.csv", "missing_columns"),
])
def test_bad_files_get_a_clear_error(data, name, code):
    with pytest.raises(ValidationFailed) as error:
        region_import(acting_user=None, data=data, filename=name)
    assert error.value.code == code
