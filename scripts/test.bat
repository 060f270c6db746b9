@echo off
rem Install what the tests need into the project .venv (from requirements-dev.lock) and run every test.
chcp 65001 >nul
cd /d "%~dp0.."
call "%~dp0python.bat" || goto :end
%PY% scripts\bootstrap.py test %*
:end
if errorlevel 1 pause
