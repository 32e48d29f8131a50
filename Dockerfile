FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=hub.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 hub
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install . && mkdir -p /app/var/media && chown -R hub /app/var
COPY --chown=hub . .
# compiled message catalogues are build products (pure Python, no GNU gettext)
RUN python scripts/messages.py compile
# collectstatic needs some secret; the real one comes from the environment at run time
RUN SECRET_KEY=build-only-collectstatic-placeholder-key-0123456789abcdefghijklmnop \
    ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

USER hub
EXPOSE 8000
CMD ["gunicorn", "hub.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
