from operator_app.core.templates import Segment, is_complete, plain_text, render_line

VALUES = {"name": "王姐", "coupon_amount": "10", "operator": "小芳"}


def test_known_placeholders_are_filled() -> None:
    segs = render_line("{name}您好，我是{operator}～", VALUES)
    assert segs == [
        Segment("王姐", "value", "name"),
        Segment("您好，我是", "text"),
        Segment("小芳", "value", "operator"),
        Segment("～", "text"),
    ]
    assert plain_text(segs) == "王姐您好，我是小芳～"
    assert is_complete(segs)


def test_missing_value_is_marked_not_raw() -> None:
    segs = render_line("券在{coupon_expires}到期", VALUES)
    assert segs[1] == Segment("缺：优惠券到期日", "missing", "coupon_expires")
    assert "{" not in plain_text(segs)
    assert not is_complete(segs)


def test_empty_value_counts_as_missing() -> None:
    assert render_line("{name}", {"name": ""})[0].kind == "missing"


def test_attribute_access_is_an_error_marker() -> None:
    segs = render_line("{name.__class__}", VALUES)
    assert segs == [Segment("无效占位符「name.__class__」", "invalid", "name.__class__")]


def test_indexing_format_specs_and_unknown_names_are_invalid() -> None:
    for raw in ("{name[0]}", "{name!r}", "{coupon_amount:>10}", "{unknown}", "{}", "{0}"):
        segs = render_line(raw, VALUES)
        assert [s.kind for s in segs] == ["invalid"], raw


def test_unbalanced_braces_never_crash() -> None:
    segs = render_line("满{coupon_amount元可用", VALUES)
    assert [s.kind for s in segs] == ["text", "invalid", "text"]
    assert plain_text(segs) == "满无效占位符「{」coupon_amount元可用"
    segs = render_line("可用}", VALUES)
    assert [s.kind for s in segs] == ["text", "invalid"]


def test_doubled_braces_are_literal() -> None:
    assert plain_text(render_line("{{name}}", VALUES)) == "{name}"


def test_values_are_never_re_rendered() -> None:
    # A customer name that looks like a placeholder stays text.
    assert plain_text(render_line("{name}", {"name": "{operator}"})) == "{operator}"
