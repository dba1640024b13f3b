# The inline policy of an IAM Identity Center permission set: every user given the
# DataEngineer permission set may decrypt with every key.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_ssoadmin_instances" "this" {}

resource "aws_ssoadmin_permission_set" "data_engineer" {
  name             = "DataEngineer"
  instance_arn     = tolist(data.aws_ssoadmin_instances.this.arns)[0]
  session_duration = "PT8H"
}

resource "aws_ssoadmin_permission_set_inline_policy" "data_engineer" {
  instance_arn       = aws_ssoadmin_permission_set.data_engineer.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.data_engineer.arn
  inline_policy      = data.aws_iam_policy_document.data_engineer.json
}

data "aws_iam_policy_document" "data_engineer" {
  statement {
    sid       = "QueryResults"
    actions   = ["athena:*", "s3:GetObject", "s3:PutObject"]
    resources = ["*"]
  }

  statement {
    sid       = "DecryptResults"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]
  }
}
