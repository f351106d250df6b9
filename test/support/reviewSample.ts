// A small Flask app for the model security review tests: two routes behind @login_required and
// one without it that lets a request parameter decide who is an admin, plus an SQL query built
// from user input (which the taint rules report) in the last route.
export const reviewSample = `from flask import Flask, jsonify, request
from flask_login import login_required, current_user

app = Flask(__name__)


@app.route("/profile")
@login_required
def profile():
    return jsonify(name=current_user.name)


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    if request.args.get("is_admin") == "1":
        db.delete(user_id)
    return jsonify(deleted=user_id)


@app.route("/export")
@login_required
def export():
    query = "SELECT * FROM users WHERE name = '%s'" % request.args["name"]
    return jsonify(rows=db.session.execute(query).fetchall())
`;

/** 0-based spans of the sample, as the editor's commands compute them. */
export const deleteUserSpan = { startLine: 12, endLine: 16 };
export const exportSpan = { startLine: 19, endLine: 23 };
