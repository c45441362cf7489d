"""The layout's links written in Python are the markup its template loop wrote."""


def test_the_navigation_is_written_as_its_template_loop_wrote_it() -> None:
    from django.template import engines

    items = [
        {"label": "Home", "url": "/", "current": False},
        {"label": "Incidents & <alerts>", "url": "/incidents/?a=1&b=2", "current": True},
        {"label": "SLA", "url": "/sla/", "current": False},
    ]
    loop = (
        '{% for item in navigation %}<a href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>'
        "{{ item.label }}</a>{% endfor %}"
    )
    engine = engines["pages"]
    written = engine.from_string("{{ navigation_links(navigation) }}").render({"navigation": items})
    assert written == engine.from_string(loop).render({"navigation": items})
    assert 'aria-current="page">Incidents &amp; &lt;alerts&gt;</a>' in written
    assert engine.from_string("{{ navigation_links(navigation) }}").render({"navigation": []}) == ""
