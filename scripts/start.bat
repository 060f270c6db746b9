@echo off
rem Double-click: the first run installs into the project .venv (offline from wheelhouse\ when present), then the
rem browser opens the dashboard. Needs Python 3.11 or 3.12 from python.org (with the py launcher).
chcp 65001 >nul
cd /d "%~dp0.."
call "%~dp0python.bat" || goto :end
%PY% scripts\bootstrap.py start --desktop %*
:end
if errorlevel 1 pause
